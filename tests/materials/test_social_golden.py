"""Golden files: the posts of the fixture campaign for each platform, as text and as JSON.

Regenerate after an intended change, then review the diff:
``pytest --update-golden tests/materials/test_social_golden.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli import invoke
from support.golden import Golden

HERE = Path(__file__).resolve().parents[1]
FIXTURE_CAMPAIGN = HERE / "fixtures" / "social" / "campaign"
PLATFORMS = ("x", "bluesky", "mastodon", "threads", "linkedin", "instagram")


def _social(*args: str) -> str:
    result = invoke(["--campaign", str(FIXTURE_CAMPAIGN), "social", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name", PLATFORMS)
def test_posts_text_golden(name: str, golden: Golden) -> None:
    golden.check(f"social/{name}.txt", _social("--platform", name))


@pytest.mark.parametrize("name", PLATFORMS)
def test_thread_json_golden(name: str, golden: Golden) -> None:
    golden.check(
        f"social/{name}.thread.json", _social("--platform", name, "--thread", "--format", "json")
    )
