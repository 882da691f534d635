"""Golden files: compare rendered text with the file kept in tests/golden/; with
``CIVICKIT_UPDATE_GOLDEN=1`` (re)write the file instead."""

from __future__ import annotations

import os
from pathlib import Path


def assert_golden(path: Path, text: str) -> None:
    """``text`` equals the golden file at ``path`` (written first when updating)."""
    if os.environ.get("CIVICKIT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} missing: regenerate with CIVICKIT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")
