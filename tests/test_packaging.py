"""The wheel ships the ``py.typed`` marker, so users' type checkers read civickit's annotations."""

from __future__ import annotations

import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "src" / "civickit"


def test_the_package_has_the_py_typed_marker() -> None:
    assert (PACKAGE / "py.typed").is_file()


def test_hatch_ships_the_whole_package_folder() -> None:
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["src/civickit"]
    # Nothing narrows what goes in (an exclude or only-include could drop the marker).
    assert not {"exclude", "only-include", "include"} & set(wheel), wheel


@pytest.mark.slow
def test_the_built_wheel_lists_py_typed(tmp_path: Path) -> None:
    builders = pytest.importorskip("hatchling.builders.wheel", reason="needs hatchling")
    (wheel,) = builders.WheelBuilder(str(REPO_ROOT)).build(
        directory=str(tmp_path), versions=["standard"]
    )
    names = zipfile.ZipFile(wheel).namelist()
    assert "civickit/py.typed" in names
    assert "civickit/cli/__init__.py" in names
