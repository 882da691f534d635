"""``civickit social`` and ``civickit social check`` through the real click layer."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import invoke

FIXTURE_CAMPAIGN = Path(__file__).resolve().parents[1] / "fixtures" / "social" / "campaign"


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = invoke(list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_social_json_gives_the_documented_fields() -> None:
    code, out, err = _run(
        "--campaign", str(FIXTURE_CAMPAIGN), "social", "--platform", "x,mastodon",
        "--count", "2", "--format", "json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    records = json.loads(out)
    assert [(r["platform"], r["fact_id"]) for r in records] == [
        ("x", "ibm-exit"), ("x", "bias-research"),
        ("mastodon", "ibm-exit"), ("mastodon", "bias-research"),
    ]  # fmt: skip
    first = records[0]
    assert set(first) == {
        "platform", "text", "length", "limit", "unit", "thread_position", "source_id",
        "fact_id", "shortened", "cut",
    }  # fmt: skip
    assert (first["limit"], first["thread_position"], first["source_id"]) == (
        280, None, "verge-2020-06-11",
    )  # fmt: skip
    assert first["length"] == 203


def test_social_thread_json_numbers_posts() -> None:
    code, out, _ = _run(
        "--campaign", str(FIXTURE_CAMPAIGN), "social", "--platform", "mastodon", "--thread",
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    thread = [r for r in json.loads(out) if r.get("quote_id") == "aclu-statement-2"]
    assert [r["thread_position"] for r in thread] == ["1/2", "2/2"]
    assert all(r["length"] <= r["limit"] == 500 for r in thread)


def test_social_names_what_it_left_out_on_stderr() -> None:
    code, out, err = _run(
        "--campaign", str(FIXTURE_CAMPAIGN), "social", "--platform", "bluesky", "--format", "json",
    )  # fmt: skip
    assert code == 0
    assert "aclu-statement-2" not in out
    assert err == (
        "Bluesky: left out quote aclu-statement-2: it does not fit whole in 300 graphemes, and a "
        "quote is never cut (try a thread)\n"
    )


def test_social_text_output_and_options() -> None:
    code, out, _ = _run(
        "--campaign", str(FIXTURE_CAMPAIGN), "social", "--platform", "threads", "--count", "1",
        "--no-hashtags", "--url", "https://example.org/act",
    )  # fmt: skip
    assert code == 0
    assert out == (
        "── Threads · fact ibm-exit · 159/500 characters ──\n"
        "On June 8, 2020, IBM said it will cease all sales, development, and research of facial "
        "recognition technology.\n— The Verge\nTake action: https://example.org/act\n"
    )


def test_social_bad_options_exit_2_with_one_line() -> None:
    code, out, err = _run("social", "--platform", "myspace")
    assert (code, out) == (2, "")
    assert err == (
        "Error: unknown platform 'myspace': use one or more of x, bluesky, mastodon, threads, "
        "linkedin, facebook, instagram, or all\n"
    )
    code, _, err = _run("social", "--url", "not a url")
    assert code == 2
    assert err == "Error: --url 'not a url': give an http(s) URL with no spaces\n"
    code, _, err = _run("social", "--count", "0")
    assert code == 2
    assert "0 is not in the range x>=1" in err


def test_check_fits_exit_0() -> None:
    code, out, err = _run("social", "check", "Ask Congress to act. #Privacy", "--platform", "x")
    assert (code, err) == (0, "")
    assert out == "X          29/280 weighted characters   fits\n"


def test_check_too_long_exit_1_names_the_platforms() -> None:
    draft = "日本語" * 50  # 150 CJK characters: 300 on X, 150 graphemes on Bluesky
    code, out, err = _run("social", "check", draft, "--platform", "x,bluesky")
    assert code == 1
    assert err == "Does not fit on: X\n"
    assert out.splitlines() == [
        "X          300/280 weighted characters  too long by 20 weighted characters",
        "Bluesky    150/300 graphemes            fits",
    ]


def test_check_reads_stdin_with_dash_and_gives_json() -> None:
    code, out, _ = _run("social", "check", "-", "--format", "json", stdin="hello 👋\n")
    assert code == 0
    records = json.loads(out)
    assert [r["platform"] for r in records] == [
        "x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "instagram",
    ]  # fmt: skip
    lengths = {r["platform"]: r["length"] for r in records}
    # The trailing newline from stdin is not part of the post.
    assert lengths == {
        "x": 8, "bluesky": 7, "mastodon": 7, "threads": 10, "linkedin": 8, "facebook": 8, "instagram": 8,
    }  # fmt: skip
    assert all(r["fits"] and r["problems"] == [] for r in records)


def test_check_instagram_hashtag_cap_exit_1() -> None:
    draft = " ".join(f"#t{n}x" for n in range(6))
    code, out, err = _run("social", "check", draft, "--platform", "instagram", "--format", "json")
    assert code == 1
    assert json.loads(out)[0]["problems"] == ["6 hashtags; Instagram allows 5"]
    assert err == "Does not fit on: Instagram\n"


def test_check_empty_draft_exit_2() -> None:
    code, out, err = _run("social", "check", "-", stdin="\n")
    assert (code, out) == (2, "")
    assert err == "Error: the post is empty: give its text, or - to read it from stdin\n"


def test_help_has_examples() -> None:
    code, out, _ = _run("social", "--help")
    assert code == 0
    assert "civickit social --platform x,bluesky --count 3 --thread" in out
    assert "check" in out
    code, out, _ = _run("social", "check", "--help")
    assert code == 0
    assert "civickit social check - --platform x,bluesky < draft.txt" in out
    code, out, _ = _run("--help")
    assert "social" in out


def test_check_draft_starting_with_a_dash_after_double_dash() -> None:
    code, out, _ = _run("social", "check", "--platform", "x", "--", "-5% of posts")
    assert code == 0
    assert out == "X          12/280 weighted characters   fits\n"


def test_check_takes_the_group_platform_when_it_has_none() -> None:
    code, out, _ = _run("social", "--platform", "bluesky", "check", "hi")
    assert (code, out) == (0, "Bluesky    2/300 graphemes              fits\n")
    code, out, _ = _run("social", "--platform", "bluesky", "check", "hi", "--platform", "x")
    assert (code, out) == (0, "X          2/280 weighted characters    fits\n")
