"""The public Python API: every name in ``civickit.__all__`` is its owner's object, loaded lazily."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import civickit
from conftest import REPO_ROOT

DOC = REPO_ROOT / "docs" / "python-api.md"


def test_all_lists_exactly_the_owned_names() -> None:
    assert sorted(civickit.__all__) == sorted(["__version__", *civickit._OWNERS])


@pytest.mark.parametrize("name", sorted(civickit._OWNERS))
def test_each_name_is_the_object_its_owner_defines(name: str) -> None:
    owner = importlib.import_module(civickit._OWNERS[name])
    assert getattr(civickit, name) is getattr(owner, name)


@pytest.mark.parametrize("name", sorted(civickit._OWNERS))
def test_each_name_is_documented(name: str) -> None:
    assert f"`{name}`" in DOC.read_text(encoding="utf-8")


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        civickit.nope  # noqa: B018 - the lookup is the point


def test_import_civickit_loads_nothing_heavy() -> None:
    code = (
        "import sys, civickit; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'civickit', 'jinja2', 'requests', 'click', 'weasyprint', 'urllib3'}))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "['civickit', 'civickit.version']"
