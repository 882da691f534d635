"""A supporter's own materials from a batch (``batch --kit``), in the supporter's language.

Letters go to offices in ``--letter-lang``; the kit is for the supporter and always follows the
row's own language (its ``language`` cell, else ``--lang``). A call script is personal (the
supporter's name and place, each of the row's officials), so each row gets its own, in its
folder; the fact sheet and the posts carry nothing personal, so they are made once per language
into ``kit/`` and each row's manifest line links the ones of its language.

Shared files are remembered in ``.civickit/kit.json`` with the fingerprint of what made them
(campaign, templates, date, options), so a resumed run keeps them unless one changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civickit.core.officials import Official
from civickit.core.safety import safe_filename_part
from civickit.errors import CivickitError, UsageError
from civickit.outreach.manifest import STATE_DIR, atomic_write, sha256_file, write_json
from civickit.outreach.records import OutputFile

if TYPE_CHECKING:
    from civickit.campaign import Campaign
    from civickit.materials.factsheet import FactSheet
    from civickit.materials.social import SocialPosts

KIT_PARTS = ("callscript", "factsheet", "posts")
KIT_WORDS = (*KIT_PARTS, "all", "none")
KIT_DIR = "kit"  # the shared files, one per part and language
KIT_STATE = "kit.json"  # under .civickit/: each shared file's SHA-256 and what made it
SHARED_PARTS = ("factsheet", "posts")


def parse_kit(text: str) -> tuple[str, ...]:
    """``callscript,posts`` -> ("callscript", "posts"); ``all`` every part, ``none`` no part.
    Raises ``UsageError`` naming an unknown part."""
    words = list(dict.fromkeys(w.strip().lower() for w in text.split(",") if w.strip()))
    unknown = [w for w in words if w not in KIT_WORDS]
    if unknown or not words or ("none" in words and len(words) > 1):
        what = f"unknown part {', '.join(unknown)}" if unknown else "give parts, all or none"
        raise UsageError(f"--kit {text!r}: {what}; use some of {','.join(KIT_PARTS)}, or all, none")
    if "all" in words:
        return KIT_PARTS
    return tuple(part for part in KIT_PARTS if part in words)


def kit_word(parts: Sequence[str]) -> str:
    """The parts as ``--kit`` takes them (and ``options.json`` keeps them): ``none`` for none."""
    return ",".join(parts) or "none"


def part_files(part: str, language: str, formats: Sequence[str], folder: str = "") -> list[str]:
    """The files one kit part writes: a call script in ``folder`` as txt (and md with ``--formats``
    md); the fact sheet as html (and pdf, md) and the posts as txt, in ``kit/``."""
    code = safe_filename_part(language, "xx")
    if part == "callscript":
        extensions = ["txt", *(["md"] if "md" in formats else [])]
        return [f"{folder}/callscript.{code}.{ext}" for ext in extensions]
    if part == "factsheet":
        extensions = ["html", *(ext for ext in ("pdf", "md") if ext in formats)]
    else:
        extensions = ["txt"]
    return [f"{KIT_DIR}/{part}.{code}.{ext}" for ext in extensions]


def planned_files(
    parts: Sequence[str], language: str, formats: Sequence[str], folder: str
) -> list[str]:
    """Every kit file a row would list (``--dry-run``)."""
    return [path for part in parts for path in part_files(part, language, formats, folder)]


def own_files(files: Sequence[OutputFile]) -> list[OutputFile]:
    """A row's own kit files (its call script), not the shared ones it links in ``kit/``."""
    return [item for item in files if not item.path.startswith(f"{KIT_DIR}/")]


def kit_factsheet(
    campaign: Campaign, date: dt.date, language: str, template_dir: Path | None = None
) -> FactSheet:
    """The fact sheet of the kit, in ``language``."""
    from civickit.materials.factsheet import build_factsheet

    return build_factsheet(
        campaign, generated=date, as_of=date, language=language, template_dir=template_dir
    )


def kit_posts(campaign: Campaign, language: str, template_dir: Path | None = None) -> SocialPosts:
    """The posts of the kit, for every platform, in ``language``."""
    from civickit.materials.social import SocialOptions, compose_posts
    from civickit.materials.textcount import parse_platforms

    options = SocialOptions(
        platforms=tuple(parse_platforms("all")), template_dir=template_dir, language=language
    )
    return compose_posts(campaign, options)


def _shared_bytes(
    part: str, campaign: Campaign, date: dt.date, language: str, template_dir: Path | None
) -> Callable[[str], bytes]:
    """A function giving the bytes of ``part`` in one format (the content made once)."""
    if part == "posts":
        from civickit.materials.social_text import posts_text

        posts = kit_posts(campaign, language, template_dir).posts
        text = posts_text(posts).encode("utf-8")
        return lambda _ext: text
    from civickit.materials.factsheet import render_factsheet

    sheet = kit_factsheet(campaign, date, language, template_dir)

    def render(ext: str) -> bytes:
        made = render_factsheet(sheet, ext, template_dir=template_dir)
        return made.encode("utf-8") if isinstance(made, str) else made

    return render


@dataclasses.dataclass
class KitFile:
    """A row's own kit file, made but not yet written."""

    path: str
    fmt: str
    data: bytes


_PART_WORDS = {"callscript": "call script", "factsheet": "fact sheet", "posts": "posts"}


class KitMaker:
    """Makes each row's kit: its call script, and links to the shared files of its language
    (written the first time a language is met, or kept from an earlier run)."""

    def __init__(
        self,
        out: Path,
        *,
        parts: Sequence[str],
        formats: Sequence[str],
        date: dt.date,
        fingerprint: str,
        campaign: Campaign | None,
        renderer_for: Callable[[str], Any],
        template_dir: Path | None = None,
    ) -> None:
        self.out = out
        self.parts = tuple(parts)
        self.formats = tuple(formats)
        self.date = date
        self.fingerprint = fingerprint
        self.campaign = campaign
        self.renderer_for = renderer_for
        self.template_dir = template_dir  # batch --template-dir: the shared files use it too
        self.shared: dict[str, tuple[list[OutputFile], list[str]]] = {}
        self.state: dict[str, dict[str, str]] = {}

    @property
    def enabled(self) -> bool:
        return bool(self.parts)

    def load_state(self) -> None:
        """Read ``.civickit/kit.json`` (a resumed run keeps the shared files it lists)."""
        try:
            loaded = json.loads((self.out / STATE_DIR / KIT_STATE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(loaded, dict):
            self.state = {
                str(path): {str(k): str(v) for k, v in entry.items()}
                for path, entry in loaded.items()
                if isinstance(entry, dict)
            }

    def row_files(
        self, folder: str, language: str, officials: Sequence[Official], sender: Any, place: str
    ) -> tuple[list[KitFile], list[str]]:
        """The row's call script files (in ``folder``) and notes on what could not be made;
        ``place`` is said on the call when the supporter's address has no city or ZIP."""
        if "callscript" not in self.parts:
            return [], []
        from civickit.materials.letter_files import compose_callscripts
        from civickit.materials.letters import LetterRenderer, Sender

        if place and isinstance(sender, Sender) and not sender.city_zip:
            sender = dataclasses.replace(sender, address=place)  # a row with only a district
        files: list[KitFile] = []
        try:
            renderer = self.renderer_for(language)
            if not isinstance(renderer, LetterRenderer):
                return [], ["kit: no call script (the batch's renderer cannot make one)"]
            scripts, notes = compose_callscripts(renderer, officials, sender)
            if not scripts:
                return [], [f"kit: no call script: {'; '.join(notes) or 'no one to call'}"]
            for path in part_files("callscript", language, self.formats, folder):
                fmt = path.rsplit(".", 1)[1]
                text = renderer.render_callscripts(scripts, fmt)
                files.append(KitFile(path, fmt, text.encode("utf-8")))
        except (CivickitError, ValueError) as exc:
            return [], [f"kit: no call script: {exc}"]
        return files, [f"call script: {note}" for note in notes]

    def shared_files(self, language: str) -> tuple[list[OutputFile], list[str]]:
        """The fact sheet and posts of ``language`` (made once per run and language)."""
        if language not in self.shared:
            self.shared[language] = self._make_shared(language)
        return self.shared[language]

    def _make_shared(self, language: str) -> tuple[list[OutputFile], list[str]]:
        files: list[OutputFile] = []
        notes: list[str] = []
        for part in (p for p in SHARED_PARTS if p in self.parts):
            content: Callable[[str], bytes] | None = None
            try:
                for path in part_files(part, language, self.formats):
                    fmt = path.rsplit(".", 1)[1]
                    digest = self._kept(path)
                    if digest is None:
                        if content is None:
                            content = _shared_bytes(
                                part, self._campaign(), self.date, language, self.template_dir
                            )
                        digest = atomic_write(self.out / path, content(fmt), self.out)
                        self.state[path] = {"sha256": digest, "fingerprint": self.fingerprint}
                        write_json(self.out / STATE_DIR / KIT_STATE, self.state, self.out)
                    files.append(OutputFile(path, digest, fmt, ""))
            except (CivickitError, ValueError) as exc:
                notes.append(f"kit: no {_PART_WORDS[part]} in {language}: {exc}")
        return files, notes

    def _kept(self, path: str) -> str | None:
        """The SHA-256 of a shared file an earlier run made with the same fingerprint, when the
        file is still as it was; ``None`` when it must be made."""
        entry = self.state.get(path)
        if entry is None or entry.get("fingerprint") != self.fingerprint:
            return None
        digest = sha256_file(self.out / path)
        return digest if digest == entry.get("sha256") else None

    def _campaign(self) -> Campaign:
        if self.campaign is None:
            raise UsageError("the batch's renderer has no campaign to make a kit from")
        return self.campaign
