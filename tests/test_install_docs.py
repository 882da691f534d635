"""The README's three installs are the ones CI does, on every Python the package supports."""

from __future__ import annotations

import re

from conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
CI = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
PYPROJECT = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_readme_installs_with_pip_pipx_and_uv_and_ci_does_each() -> None:
    for readme_line, ci_command in (
        ("pip install .", '-m pip install -q "$wheel"'),
        ("pipx install .", '"$pipx" install'),
        ("uv tool install .", '"$uv" tool install'),
    ):
        assert readme_line in README
        assert ci_command in CI


def test_ci_covers_every_python_the_package_claims() -> None:
    low = re.search(r'requires-python = ">=3\.(\d+)"', PYPROJECT)
    assert low is not None
    matrix = re.search(r"for minor in ((?:3\.\d+ ?)+); do\n  if ! python", CI)
    assert matrix is not None
    assert matrix.group(1).split()[0] == f"3.{low.group(1)}"
    assert matrix.group(1).split() == ["3.11", "3.12", "3.13"]
    assert "Python 3.11 to 3.13" in README
    assert 'echo "skipping Python $minor' in CI
    assert "UV_PYTHON_DOWNLOADS=never" in CI
