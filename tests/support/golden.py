"""Golden files under tests/golden: compare, or rewrite with --update-golden."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

GOLDEN_ROOT = Path(__file__).resolve().parents[1] / "golden"
UPDATE_OPTION = "--update-golden"
UPDATE_VARIABLE = "CIVICKIT_UPDATE_GOLDEN"


def update_requested(option: bool) -> bool:
    """True when --update-golden was given or CIVICKIT_UPDATE_GOLDEN=1 is set."""
    return option or os.environ.get(UPDATE_VARIABLE) == "1"


@dataclass(frozen=True)
class Golden:
    """Checks text against ``tests/golden/<name>``; rewrites the file when ``update`` is set."""

    update: bool
    root: Path = GOLDEN_ROOT

    def check(self, name: str, actual: str) -> None:
        """Fail with a unified diff (expected -> actual) unless ``actual`` is the golden text."""
        path = self.root / name
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        hint = f"run pytest {UPDATE_OPTION} (or {UPDATE_VARIABLE}=1) to write it"
        assert path.is_file(), f"no golden file {path}; {hint}"
        expected = path.read_text(encoding="utf-8")
        if actual == expected:
            return
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"tests/golden/{name}",
            tofile="actual",
        )
        raise AssertionError(
            f"output differs from {path} ({hint} if the change is intended):\n" + "".join(diff)
        )

    def check_bytes(self, name: str, actual: bytes) -> None:
        """Like :meth:`check`, byte for byte (BOMs and CRLF line ends included)."""
        path = self.root / name
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual)
            return
        hint = f"run pytest {UPDATE_OPTION} (or {UPDATE_VARIABLE}=1) to write it"
        assert path.is_file(), f"no golden file {path}; {hint}"
        if actual != path.read_bytes():
            self.check(name, actual.decode("utf-8", errors="replace"))
            raise AssertionError(f"output differs from {path} in line endings or encoding; {hint}")
