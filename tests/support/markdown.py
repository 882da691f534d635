"""Fenced code blocks of the Markdown docs, with where they are, for tests that run them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_FENCE = re.compile(r"^```(?P<language>[\w-]*)[^\n]*\n(?P<body>.*?)^```", re.S | re.M)


@dataclass(frozen=True)
class FencedBlock:
    """One ```language block: its text, the doc line its code starts on, the note before it."""

    path: Path
    language: str
    text: str
    offset: int  # where the fence starts in the file's text
    line: int  # 1-based line number of the block's first line of code
    note: str | None  # an HTML comment right before the fence, e.g. "not-run: partial"

    @property
    def where(self) -> str:
        """``docs/lookup.md:88`` (relative to the repository when it can be)."""
        parts = self.path.parts
        name = "/".join(parts[-2:]) if len(parts) > 1 and parts[-2] == "docs" else self.path.name
        return f"{name}:{self.line}"


def fenced_blocks(path: Path, language: str | None = None) -> list[FencedBlock]:
    """Every fenced block of ``path`` (only ``language`` ones when given), in order."""
    text = path.read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(text):
        if language is not None and match["language"] != language:
            continue
        before = text[: match.start()].rstrip()
        note = None
        if before.endswith("-->") and "<!--" in before:
            note = before[before.rindex("<!--") + 4 : -3].strip()
        blocks.append(
            FencedBlock(
                path=path,
                language=match["language"],
                text=match["body"],
                offset=match.start(),
                line=text.count("\n", 0, match.start("body")) + 1,
                note=note,
            )
        )
    return blocks
