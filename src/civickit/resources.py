"""Locate the data and templates shipped with civickit, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # In a wheel the folder sits inside the package; in a checkout (editable install, or
    # tests run from the source tree) it sits at the repository root, two levels up.
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"civickit's {name}/ folder is missing from {_PACKAGE_DIR}; reinstall civickit"
    )


@cache
def data_dir() -> Path:
    """The folder holding built-in campaigns and small bundled tables."""
    return _find("data")


@cache
def templates_dir() -> Path:
    """The folder holding the built-in Jinja2 templates."""
    return _find("letter_templates")
