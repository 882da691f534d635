"""Golden files: the posts of the fixture campaign for each platform, as text and as JSON.

Regenerate after an intended change, then review the diff:
``CIVICKIT_UPDATE_GOLDEN=1 pytest tests/test_social_golden.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from civickit.cli import cli

HERE = Path(__file__).resolve().parents[1]
GOLDEN = HERE / "golden" / "social"
FIXTURE_CAMPAIGN = HERE / "fixtures" / "social" / "campaign"
PLATFORMS = ("x", "bluesky", "mastodon", "threads", "linkedin", "instagram")


def _check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CIVICKIT_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    if not path.is_file():
        pytest.fail(f"no golden file {path}; create it with CIVICKIT_UPDATE_GOLDEN=1")
    assert actual == path.read_text(encoding="utf-8")


def _social(*args: str) -> str:
    result = CliRunner().invoke(cli, ["--campaign", str(FIXTURE_CAMPAIGN), "social", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name", PLATFORMS)
def test_posts_text_golden(name: str) -> None:
    _check_golden(f"{name}.txt", _social("--platform", name))


@pytest.mark.parametrize("name", PLATFORMS)
def test_thread_json_golden(name: str) -> None:
    _check_golden(
        f"{name}.thread.json", _social("--platform", name, "--thread", "--format", "json")
    )
