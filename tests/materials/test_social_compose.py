"""Posts that read as posts: quotes whole, cuts at clause boundaries, varied openings (issue 11)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.campaign import Campaign, load_campaign
from civickit.materials.social import Post, SocialOptions, compose_posts
from civickit.materials.social_breaks import ELLIPSIS, clause_cuts
from civickit.materials.textcount import parse_platforms, platforms

_QUOTED = re.compile(r"\u201c(.*?)\u201d", re.S)
_MARKER = re.compile(r" \d+/\d+$")


@pytest.fixture(scope="module")
def builtin() -> Campaign:
    return load_campaign()


def _all(campaign: Campaign, *, thread: bool) -> list[Post]:
    options = SocialOptions(platforms=tuple(parse_platforms("all")), thread=thread)
    return compose_posts(campaign, options).posts


def _joined(posts: list[Post]) -> dict[tuple[str, str], str]:
    """The text of each item's post, a thread's parts joined without their ``1/N`` markers."""
    texts: dict[tuple[str, str], list[str]] = {}
    for post in posts:
        texts.setdefault((post.platform, post.item_id), []).append(_MARKER.sub("", post.text))
    return {key: " ".join(parts) for key, parts in texts.items()}


@pytest.mark.parametrize("thread", [False, True])
def test_no_builtin_post_is_cut_inside_a_quotation(builtin: Campaign, thread: bool) -> None:
    quotes = {quote.id: quote.text for quote in builtin.quotes}
    posts = _all(builtin, thread=thread)
    assert {post.platform for post in posts} == set(platforms())
    for (name, item_id), text in _joined(posts).items():
        quoted = [" ".join(q.split()) for q in _QUOTED.findall(text)]
        for inner in quoted:
            assert ELLIPSIS not in inner, (name, item_id, inner)  # e.g. "…Given that, we’ve…"
        if item_id in quotes:  # the quote, whole (LinkedIn's citation may quote a title too)
            assert quoted[0] == " ".join(quotes[item_id].split()), (name, item_id)
    for post in posts:
        if post.thread_position is None and post.kind == "quote" and post.platform != "linkedin":
            assert post.text.count("\u201c") == post.text.count("\u201d") == 1


def test_every_platform_gets_every_builtin_quote_that_fits_whole(builtin: Campaign) -> None:
    result = compose_posts(builtin, SocialOptions(platforms=tuple(parse_platforms("all"))))
    left = {(item.platform, item.item_id) for item in result.left_out}
    # Every fact finds a form, but for one on Bluesky (where the action URL counts in full) and
    # X: no clause cut keeps "until there was a national law" (and half the fact).
    facts = {(item.platform, item.item_id) for item in result.left_out if item.kind == "fact"}
    assert facts == {("bluesky", "microsoft-no-police-sales"), ("x", "microsoft-no-police-sales")}
    # The long platforms carry every quote whole.
    assert not {name for name, _ in left} & {"linkedin", "facebook", "instagram"}
    made = {(post.platform, post.item_id) for post in result.posts}
    assert not made & left
    assert len(made) + len(left) == len(platforms()) * (len(builtin.facts) + len(builtin.quotes))


def test_x_posts_are_shortened_only_at_clause_boundaries(builtin: Campaign) -> None:
    posts = compose_posts(builtin, SocialOptions(platforms=tuple(parse_platforms("x")))).posts
    facts = {fact.id: fact.text for fact in builtin.facts}
    cut = [post for post in posts if post.cut]
    assert len(cut) <= 8  # 18 of 28 X posts were cut at any word before
    for post in cut:
        forms = clause_cuts(facts[post.item_id])
        # What is kept of the fact is one of its clause forms (the date may follow it).
        assert any(form.rstrip(".") in post.text for form in forms), post.text
    words_cut = [p for p in posts if re.search(r"\w\u2026[\u201d\n]", p.text) and not p.cut]
    assert words_cut == []


def test_openings_vary(builtin: Campaign) -> None:
    for name in platforms():
        posts = compose_posts(builtin, SocialOptions(platforms=tuple(parse_platforms(name)))).posts
        dated = [post for post in posts if re.match(r"(On|In|Reported on) .*20\d\d[,:]", post.text)]
        assert 0.3 <= len(dated) / len(posts) <= 0.7, name


def test_instagram_captions_point_to_the_bio(builtin: Campaign) -> None:
    posts = compose_posts(builtin, SocialOptions(platforms=tuple(parse_platforms("instagram"))))
    for post in posts.posts:
        assert "http" not in post.text and "www." not in post.text
        assert "Take action: link in bio" in post.text
        assert len(re.findall(r"#\w+", post.text)) <= 5


def test_count_prefers_items_that_fit_whole(builtin: Campaign) -> None:
    options = SocialOptions(platforms=tuple(parse_platforms("x")), count=10)
    posts = compose_posts(builtin, options).posts
    assert len(posts) == 10
    assert not any(post.cut for post in posts)


def test_clause_cuts_of_a_fact() -> None:
    text = (
        "Microsoft was caught providing a dataset of 10 million faces, including images of "
        "people who did not consent; it pulled the dataset offline only after an investigation."
    )
    assert clause_cuts(text) == [
        "Microsoft was caught providing a dataset of 10 million faces, including images of "
        "people who did not consent; it pulled the dataset offline only\u2026",
        "Microsoft was caught providing a dataset of 10 million faces, including images of "
        "people who did not consent.",
        "Microsoft was caught providing a dataset of 10 million faces, including images of "
        "people\u2026",
    ]
    quoting = "He said “yes, and no, and maybe so, truly” to them all, then left."
    assert clause_cuts(quoting) == ["He said “yes, and no, and maybe so, truly” to them all\u2026"]


@given(st.text(alphabet=st.sampled_from(list("ab ,;:.“”\u2014")), max_size=80))
def test_clause_cuts_are_shorter_prefixes_outside_quotations(text: str) -> None:
    whole = text.strip()
    for cut in clause_cuts(text):
        # A whole sentence is kept as it is; a clause gets a full stop or "…".
        kept = cut if whole.startswith(cut) else cut[:-1]
        assert whole.startswith(kept)
        assert cut == kept or cut[-1] in ".\u2026"
        assert len(whole) / 2 <= len(kept) < len(whole)
        assert kept.count("\u201c") <= kept.count("\u201d")


def test_threads_posts_carry_one_topic_tag_and_check_still_accepts_more(builtin: Campaign) -> None:
    threads = platforms()["threads"]
    assert threads.hashtags_per_post == 1
    posts = compose_posts(builtin, SocialOptions(platforms=(threads,))).posts
    assert all(len(re.findall(r"#\w+", post.text)) <= 1 for post in posts)
    assert any(post.text.endswith("\n#FacialRecognition") for post in posts)
    assert threads.measure("Draft #One #Two").fits  # Threads takes it; only #One is a tag
