"""Social posts from a campaign: order, dates, sources, hashtags, URLs, shortening, threads."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from civickit.campaign import Campaign, load_campaign
from civickit.errors import UsageError
from civickit.materials.social import (
    Post,
    SocialOptions,
    compose_posts,
    generate_posts,
    shorten,
    split_thread,
)
from civickit.materials.textcount import parse_platforms, platform

FIXTURE_CAMPAIGN = Path(__file__).resolve().parents[1] / "fixtures" / "social" / "campaign"
ELLIPSIS = "\u2026"


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(FIXTURE_CAMPAIGN)


def _posts(campaign: Campaign, names: str = "all", **kwargs: Any) -> list[Post]:
    options = SocialOptions(platforms=tuple(parse_platforms(names)), **kwargs)
    return generate_posts(campaign, options)


def test_every_post_of_the_builtin_campaign_fits_its_platform() -> None:
    builtin = load_campaign()
    for thread in (False, True):
        posts = _posts(builtin, thread=thread)
        assert {p.platform for p in posts} == {
            "x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "instagram",
        }  # fmt: skip
        for post in posts:
            measured = platform(post.platform).measure(post.text)
            assert measured.fits, (post.item_id, post.platform, measured.problems)
            assert post.length == measured.length <= post.limit
            assert "this week" not in post.text


def test_key_facts_come_first_then_other_facts_then_quotes(campaign: Campaign) -> None:
    posts = _posts(campaign, "linkedin")
    assert [p.item_id for p in posts] == [
        "ibm-exit", "bias-research", "city-bans", "microsoft-stops-investing", "ab-2261-failed",
        "aclu-statement-2", "amazon-stronger-regulations", "aclu-statement-3",
    ]  # fmt: skip
    assert [p.kind for p in posts] == ["fact"] * 5 + ["quote"] * 3


def test_dates_keep_the_precision_of_the_source(campaign: Campaign) -> None:
    texts = {p.item_id: p.text for p in _posts(campaign, "mastodon")}
    assert texts["ibm-exit"].startswith("On June 8, 2020, IBM said")
    assert texts["city-bans"].startswith("In 2019, San Francisco")
    assert "Palestinians (March 2020).\n" in texts["microsoft-stops-investing"]
    assert texts["ab-2261-failed"].startswith("In the week of June 1, 2020, California's")
    assert "determining their gender (reported June 11, 2020).\n" in texts["bias-research"]


def test_openings_alternate_between_the_date_and_the_fact(campaign: Campaign) -> None:
    posts = _posts(campaign, "linkedin")
    leads_with_date = [p.text.startswith(("On ", "In ", "Reported ")) for p in posts]
    assert leads_with_date == [True, False] * 4
    quote = next(p.text for p in posts if p.item_id == "aclu-statement-3")
    assert quote.startswith(
        "Matt Cagle, Technology and civil liberties attorney, ACLU of Northern California, said: "
        "“No company backed bill should be taken seriously unless the communities most impacted "
        "say it is the right solution.” (June 11, 2020)\n"
    )


def test_posts_name_the_source_and_carry_ids(campaign: Campaign) -> None:
    posts = {p.item_id: p for p in _posts(campaign, "x")}
    assert "\n— The Verge\n" in posts["ibm-exit"].text
    assert "— ACLU of Northern California, via The Verge" in posts["aclu-statement-3"].text
    record = posts["aclu-statement-3"].to_dict()
    assert record["quote_id"] == "aclu-statement-3"
    assert record["source_id"] == "aclu-nc-2020-06-11"
    assert "fact_id" not in record
    assert posts["ibm-exit"].to_dict()["fact_id"] == "ibm-exit"


def test_linkedin_template_gives_the_full_citation(campaign: Campaign) -> None:
    post = _posts(campaign, "linkedin", count=1)[0]
    assert "Source: The Verge, “Microsoft won’t sell facial recognition" in post.text


def test_quote_fragments_continue_their_context(campaign: Campaign) -> None:
    posts = {p.item_id: p.text for p in _posts(campaign, "threads")}
    assert posts["amazon-stronger-regulations"].startswith(
        "On June 10, 2020, Amazon said its one-year pause would give Congress time to put in "
        "place “stronger regulations to govern the ethical use of facial recognition technology.”"
    )
    assert posts["aclu-statement-3"].startswith("Matt Cagle, Technology and civil liberties")


def test_hashtags_and_action_url(campaign: Campaign) -> None:
    tagged = _posts(campaign, "mastodon", count=1)[0]
    assert tagged.text.endswith(
        "Take action: https://www.congress.gov/members/find-your-member\n"
        "#FacialRecognition #CivilLiberties #Privacy"
    )
    plain = _posts(campaign, "mastodon", count=1, hashtags=False, url="https://example.org/act")[0]
    assert plain.text.endswith("Take action: https://example.org/act")
    assert "#" not in plain.text


def test_bad_url_is_a_usage_error(campaign: Campaign) -> None:
    with pytest.raises(UsageError) as caught:
        _posts(campaign, "x", url="javascript:alert(1)")
    assert str(caught.value) == "--url 'javascript:alert(1)': give an http(s) URL with no spaces"


def test_count_limits_items_per_platform(campaign: Campaign) -> None:
    posts = _posts(campaign, "x,bluesky", count=2)
    assert [(p.platform, p.item_id) for p in posts] == [
        ("x", "ibm-exit"), ("x", "bias-research"),
        ("bluesky", "ibm-exit"), ("bluesky", "bias-research"),
    ]  # fmt: skip


def test_instagram_gets_at_most_5_hashtags_and_no_link(campaign: Campaign) -> None:
    many = dataclasses.replace(campaign, hashtags=tuple(f"#Tag{n}" for n in range(40)))
    post = _posts(many, "instagram", count=1)[0]
    assert len(re.findall(r"#Tag\d+", post.text)) == 5
    assert platform("instagram").measure(post.text).fits
    assert "http" not in post.text
    assert "\nTake action: link in bio\n" in post.text
    unlinked = _posts(dataclasses.replace(campaign, action_url=None), "instagram", count=1)[0]
    assert "link in bio" not in unlinked.text
    assert len(re.findall(r"#Tag\d+", _posts(many, "linkedin", count=1)[0].text)) == 40


def test_too_long_drops_hashtags_before_cutting(campaign: Campaign) -> None:
    post = next(p for p in _posts(campaign, "x") if p.item_id == "bias-research")
    assert post.shortened
    assert "#" not in post.text
    assert ELLIPSIS not in post.text  # without hashtags the fact fits whole
    assert post.text.endswith(
        "their gender (reported June 11, 2020).\n— The Verge\nTake action: " + _ACTION
    )


_ACTION = "https://www.congress.gov/members/find-your-member"


def test_a_quote_too_long_is_left_out_never_cut(campaign: Campaign) -> None:
    result = compose_posts(campaign, SocialOptions(platforms=(platform("x"),)))
    assert "aclu-statement-2" not in {p.item_id for p in result.posts}
    assert [left.to_dict() for left in result.left_out] == [
        {
            "platform": "x",
            "quote_id": "aclu-statement-2",
            "reason": "it does not fit whole in 280 weighted characters, and a quote is never "
            "cut (try a thread)",
        }
    ]


def test_a_fact_too_long_is_shortened_at_a_clause_boundary(campaign: Campaign) -> None:
    post = next(p for p in _posts(campaign, "x") if p.item_id == "microsoft-stops-investing")
    assert post.cut and post.shortened and post.length <= 280
    assert post.text.startswith(
        "Microsoft announced it would no longer invest in third-party firms developing facial "
        "recognition, following accusations that AnyVision, an Israeli startup it had invested "
        "in… (March 2020)\n— The Verge\n"
    )


def test_thread_splits_a_long_quote_between_its_sentences(campaign: Campaign) -> None:
    quote = campaign.quote("aclu-statement-2").text
    thread = [
        p for p in _posts(campaign, "mastodon", thread=True) if p.item_id == "aclu-statement-2"
    ]
    total = len(thread)
    assert total > 1
    assert [p.thread_position for p in thread] == [f"{n}/{total}" for n in range(1, total + 1)]
    for number, post in enumerate(thread, start=1):
        assert post.text.endswith(f" {number}/{total}")
        assert post.length <= post.limit
        assert ELLIPSIS not in post.text  # split between sentences, not inside one
    joined = " ".join(_unmarked(p.text) for p in thread)
    assert f"“{quote}”" in joined
    assert "— ACLU of Northern California, via The Verge" in joined
    # X and Bluesky have no room for the quote's first sentence: left out, even as a thread.
    left = compose_posts(
        campaign, SocialOptions(platforms=tuple(parse_platforms("x,bluesky")), thread=True)
    )
    assert {(lo.platform, lo.item_id) for lo in left.left_out} == {
        ("x", "aclu-statement-2"), ("bluesky", "aclu-statement-2"),
    }  # fmt: skip


def _unmarked(text: str) -> str:
    body = re.sub(r" \d+/\d+$", "", text)
    return body.strip(ELLIPSIS)


def test_thread_mode_keeps_short_posts_whole(campaign: Campaign) -> None:
    posts = [p for p in _posts(campaign, "x", thread=True) if p.item_id == "ibm-exit"]
    assert len(posts) == 1
    assert posts[0].thread_position is None


def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis() -> None:
    x = platform("x")
    text = "word " * 100
    short = shorten(text, x)
    assert short.endswith("word" + ELLIPSIS)
    assert x.count(short) <= 280
    assert shorten("fits already", x) == "fits already"


def test_split_thread_prefers_sentence_boundaries() -> None:
    bluesky = platform("bluesky")
    sentences = [f"Sentence number {n} says something short." for n in range(20)]
    posts = split_thread(" ".join(sentences), bluesky)
    assert len(posts) > 1
    for post in posts:
        body = re.sub(r" \d+/\d+$", "", post)
        assert body.endswith(".")  # every post ends on a whole sentence
        assert ELLIPSIS not in body
        assert bluesky.count(post) <= 300


def test_template_dir_overrides_per_platform(campaign: Campaign, tmp_path: Path) -> None:
    (tmp_path / "social_post_x.txt").write_text("{{ lead }} {{ body }} ({{ source_name }})\n")
    post = _posts(campaign, "x,bluesky", count=1, template_dir=tmp_path)
    assert post[0].text == (
        "On June 8, 2020, IBM said it will cease all sales, development, and research of facial "
        "recognition technology. (The Verge)"
    )
    assert "Take action" in post[1].text  # Bluesky still uses the built-in template
