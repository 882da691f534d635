"""Finding campaigns (built-in names, folders, ``campaign.toml`` paths) and loading them.

A campaign is a folder holding ``campaign.toml`` and, optionally, a ``templates/`` folder whose
files override the built-in templates of the same name.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from civickit.campaign.records import CAMPAIGN_FILE, Campaign
from civickit.campaign.validation import validate_campaign
from civickit.errors import CampaignError, UsageError

#: The built-in campaigns, shipped as package data beside this module.
BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"

DEFAULT_CAMPAIGN = "facial-recognition"


def builtin_campaign_names() -> list[str]:
    """Names of the built-in campaigns."""
    return sorted(p.name for p in BUILTIN_DIR.iterdir() if (p / CAMPAIGN_FILE).is_file())


def resolve_campaign_path(ref: str | Path | None) -> tuple[Path, bool]:
    """Turn a name, folder or ``campaign.toml`` path into the campaign folder.

    Returns the folder and whether it is a built-in campaign.
    """
    if ref is None or str(ref) == "":
        ref = DEFAULT_CAMPAIGN
    text = str(ref)
    builtin = BUILTIN_DIR / text
    if "/" not in text and "\\" not in text and (builtin / CAMPAIGN_FILE).is_file():
        return builtin, True
    path = Path(text).expanduser()
    if path.is_file() and path.name == CAMPAIGN_FILE:
        return path.parent, False
    if (path / CAMPAIGN_FILE).is_file():
        return path, False
    names = ", ".join(builtin_campaign_names())
    if path.exists():
        raise UsageError(
            f"{text}: no {CAMPAIGN_FILE} there; create one with 'civickit campaign init {text}'"
        )
    raise UsageError(f"no campaign {text!r}: give a folder with {CAMPAIGN_FILE} or one of: {names}")


def load_campaign(ref: str | Path | None = None) -> Campaign:
    """Load and validate a campaign by built-in name or path, reporting every problem at once."""
    folder, builtin = resolve_campaign_path(ref)
    file = folder / CAMPAIGN_FILE
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CampaignError(str(file), [f"not valid TOML ({exc}); fix the syntax"]) from exc
    except UnicodeDecodeError as exc:
        raise CampaignError(str(file), ["not UTF-8 text; save the file as UTF-8"]) from exc
    return validate_campaign(file, raw, builtin=builtin)
