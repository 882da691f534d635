"""civickit: sourced advocacy materials, addressed to the right officials.

The public Python API, documented with examples in ``docs/python-api.md``:

- campaigns: :func:`load_campaign` gives a :class:`Campaign` (facts, quotes, asks, sources);
- lookup: :class:`Lookup` turns a district, ZIP, address or point into a :class:`LookupResult`;
- letters: :class:`LetterRenderer` and :class:`Sender` write one letter; :func:`compose_letters`
  makes the files for several officials and :func:`save_letters` writes them safely;
- batches: :func:`open_supporters`, :class:`BatchOptions`, :func:`default_tools`, :func:`run_batch`;
- fact sheets: :func:`build_factsheet` then :func:`render_factsheet` (HTML, PDF or Markdown);
- posts: :func:`generate_posts` with :class:`SocialOptions` (see :func:`parse_platforms`);
- :class:`Settings` (data and cache folders, offline, keys) and :class:`CivickitError`.

Names are imported on first use, so ``import civickit`` stays as fast as the command line needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from civickit.version import __version__

# Public name -> the module that owns it.
_OWNERS: dict[str, str] = {
    "Campaign": "civickit.campaign",
    "load_campaign": "civickit.campaign",
    "Lookup": "civickit.lookup.facade",
    "LookupResult": "civickit.lookup.facade",
    "LetterRenderer": "civickit.materials.letters",
    "Sender": "civickit.materials.letters",
    "compose_letters": "civickit.materials.letter_files",
    "save_letters": "civickit.materials.letter_files",
    "open_supporters": "civickit.outreach.supporters",
    "BatchOptions": "civickit.outreach.batch",
    "default_tools": "civickit.outreach.batch",
    "run_batch": "civickit.outreach.batch",
    "build_factsheet": "civickit.materials.factsheet",
    "render_factsheet": "civickit.materials.factsheet",
    "SocialOptions": "civickit.materials.social",
    "generate_posts": "civickit.materials.social",
    "parse_platforms": "civickit.materials.textcount",
    "Settings": "civickit.settings",
    "CivickitError": "civickit.errors",
}

__all__ = [
    "BatchOptions",
    "Campaign",
    "CivickitError",
    "LetterRenderer",
    "Lookup",
    "LookupResult",
    "Sender",
    "Settings",
    "SocialOptions",
    "__version__",
    "build_factsheet",
    "compose_letters",
    "default_tools",
    "generate_posts",
    "load_campaign",
    "open_supporters",
    "parse_platforms",
    "render_factsheet",
    "run_batch",
    "save_letters",
]

if TYPE_CHECKING:
    from civickit.campaign import Campaign, load_campaign
    from civickit.errors import CivickitError
    from civickit.lookup.facade import Lookup, LookupResult
    from civickit.materials.factsheet import build_factsheet, render_factsheet
    from civickit.materials.letter_files import compose_letters, save_letters
    from civickit.materials.letters import LetterRenderer, Sender
    from civickit.materials.social import SocialOptions, generate_posts
    from civickit.materials.textcount import parse_platforms
    from civickit.outreach.batch import BatchOptions, default_tools, run_batch
    from civickit.outreach.supporters import open_supporters
    from civickit.settings import Settings


def __getattr__(name: str) -> Any:
    owner = _OWNERS.get(name)
    if owner is None:
        raise AttributeError(f"module 'civickit' has no attribute {name!r}")
    value = getattr(importlib.import_module(owner), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
