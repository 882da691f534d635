"""X's weighted length, checked against twitter-text's own conformance suite and its URL rules."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from civickit.materials.xcount import V2, V3, XConfig, count_x, find_urls

SOCIAL_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "social"
SUBSET = SOCIAL_FIXTURES / "twitter-text-conformance.yml"
# Each weighted-length group of validate.yml and the configuration it is meant for.
GROUPS = {
    "WeightedTweetsCounterTest": V2,
    "WeightedTweetsWithDiscountedEmojiCounterTest": V3,
    "UnicodeDirectionalMarkerCounterTest": V3,
}
FIELDS = (
    "weightedLength",
    "valid",
    "permillage",
    "displayRangeStart",
    "displayRangeEnd",
    "validRangeStart",
    "validRangeEnd",
)


def _load(path: Path) -> dict[str, list[dict[str, Any]]]:
    tests: dict[str, list[dict[str, Any]]] = yaml.safe_load(path.read_text(encoding="utf-8"))[
        "tests"
    ]
    return tests


def _reported(text: str, config: XConfig) -> dict[str, object]:
    counted = count_x(text, config)
    values = (
        counted.weighted_length,
        counted.valid,
        counted.permillage,
        *counted.display_range,
        *counted.valid_range,
    )
    return dict(zip(FIELDS, values, strict=True))


def _weighted_failures(tests: dict[str, list[dict[str, Any]]]) -> list[str]:
    failures = []
    for group, config in GROUPS.items():
        for case in tests[group]:
            expected = {name: case["expected"][name] for name in FIELDS}
            got = _reported(case["text"], config)
            if got != expected:
                failures.append(f"{group}: {case['description']}: {got} != {expected}")
    return failures


def _tld_failures(cases: list[dict[str, Any]]) -> list[str]:
    failures = []
    for case in cases:
        text = case["text"]
        got = [text[start:end] for start, end in find_urls(text)]
        if got != case["expected"]:
            failures.append(f"{case['description']}: {got} != {case['expected']}")
    return failures


SUBSET_TESTS = _load(SUBSET)


@pytest.mark.parametrize(
    ("group", "case"),
    [
        pytest.param(group, case, id=f"{group}-{case['description']}")
        for group in GROUPS
        for case in SUBSET_TESTS[group]
    ],
)
def test_weighted_length_of_the_fixture_subset(group: str, case: dict[str, Any]) -> None:
    expected = {name: case["expected"][name] for name in FIELDS}
    assert _reported(case["text"], GROUPS[group]) == expected


def test_tld_cases_of_the_fixture_subset() -> None:
    cases = SUBSET_TESTS["tlds_country"] + SUBSET_TESTS["tlds_generic"]
    assert len(cases) >= 15
    assert _tld_failures(cases) == []


@pytest.mark.shared
def test_every_weighted_length_case_of_the_suite(shared_data: Path) -> None:
    tests = _load(shared_data / "twitter-text" / "conformance" / "validate.yml")
    assert [len(tests[group]) for group in GROUPS] == [20, 22, 2]
    assert _weighted_failures(tests) == []


@pytest.mark.shared
def test_every_tld_case_of_the_suite(shared_data: Path) -> None:
    tests = _load(shared_data / "twitter-text" / "conformance" / "tlds.yml")
    cases = tests["country"] + tests["generic"]
    assert len(cases) == 1574
    assert _tld_failures(cases) == []


@pytest.mark.shared
def test_shipped_tld_list_is_the_suites(shared_data: Path) -> None:
    tests = _load(shared_data / "twitter-text" / "conformance" / "tlds.yml")
    suite = [case["text"].removeprefix("https://twitter.") for g in tests.values() for case in g]
    shipped = Path(__file__).resolve().parents[2] / "src" / "civickit" / "materials" / "x_tlds.txt"
    lines = shipped.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and line[0] not in "#["] == suite


@pytest.mark.shared
def test_fixture_subset_is_verbatim_from_the_suite(shared_data: Path) -> None:
    conformance = shared_data / "twitter-text" / "conformance"
    suite = _load(conformance / "validate.yml")
    tlds = _load(conformance / "tlds.yml")
    originals = {**suite, "tlds_country": tlds["country"], "tlds_generic": tlds["generic"]}
    for group, cases in SUBSET_TESTS.items():
        for case in cases:
            assert case in originals[group], case["description"]


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        (
            "see https://www.congress.gov/members/find-your-member.",
            ["https://www.congress.gov/members/find-your-member"],
        ),
        ("HTTPS://www.ExaMPLE.COM/index.html", ["HTTPS://www.ExaMPLE.COM/index.html"]),
        ("example.com and foo.co.jp/path?q=1.", ["example.com", "foo.co.jp/path?q=1"]),
        (
            "http://x.com/wiki/Primer_(film) and http://x.com/a(b(c)d)",
            ["http://x.com/wiki/Primer_(film)", "http://x.com/a(b(c)d)"],
        ),
        # Balanced parentheses follow only an ending character: the path stops at "a".
        ("http://x.com/a.(b)", ["http://x.com/a"]),
        (
            "http://user:pw@example.com, http://example.com:8080/login",
            ["http://example.com:8080/login"],
        ),
        ("@someone.com #tag.com $cash.com word.com", ["word.com"]),
        ("t.co/abc https://t.co/abc123?x=1&y=2)", ["t.co/abc", "https://t.co/abc123?x=1&y=2"]),
        ("https://t.co/" + "a" * 41, []),  # a t.co slug longer than 40 is no link
        # Without protocol only the ASCII domain links, here from the second character on.
        ("日本語example.com 中国.com", ["example.com"]),
        ("http://日本語.jp ☃.net http://☃.net/", ["http://日本語.jp", "http://☃.net/"]),
        ("a" * 63 + ".com " + "b" * 64 + ".com", ["a" * 63 + ".com"]),
        ("http://www.-domain.com http://test.-twitter.com http://a_b.c_d.com", []),
        ("http://test_underscore.twitter.com", ["http://test_underscore.twitter.com"]),
        ("example.com-foo example.co", ["example.co"]),
        ("-example.com _example.com /example.com .example.com", []),
        ("\u202aexample.com\u202c", ["example.com"]),
    ],
)
def test_finds_urls_as_twitter_text_does(text: str, urls: list[str]) -> None:
    assert [text[start:end] for start, end in find_urls(text)] == urls


def test_urls_without_protocol_can_be_left_out() -> None:
    text = "example.com http://example.org/a"
    assert find_urls(text, without_protocol=False) == [(12, 32)]


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("\u00a9 2024", 6),  # (C) is text unless U+FE0F follows
        ("\u00a9\ufe0f", 2),
        ("\u2764\ufe0f", 2),  # a heart with its presentation selector is one emoji
        ("\U0001f637\ufe0f", 4),  # an emoji that is one already: the selector counts on its own
        # Technologist, medium skin tone (Emoji 12.1): one emoji, as X shows it; twitter-text
        # 3.1.0's older emoji table counts its parts (5).
        ("\U0001f9d1\U0001f3fd\u200d\U0001f4bb", 2),
        ("#\ufe0f\u20e3 1\u20e3", 5),
        ("\U0001f1fa\U0001f1f8\U0001f1e9", 4),  # a flag, then a lone regional indicator
        ("e\u0301", 1),  # NFC makes it one character
        ("", 0),
    ],
)
def test_counts_emoji_and_combining_marks(text: str, length: int) -> None:
    assert count_x(text).weighted_length == length


def test_empty_and_refused_texts_are_invalid() -> None:
    assert not count_x("").valid
    assert count_x("ok").valid
    refused = count_x("ok\ufeff")
    assert not refused.valid
    assert refused.valid_range == (0, 1)


@pytest.mark.parametrize(
    "text",
    [
        "a." * 1500,
        "a.a" * 1000,
        "http://" + "a." * 1500,
        "a-" * 1500 + ".com",
        "é" * 3000 + ".x",
        "\U0001f637a." * 1000 + "中国",
        "x.com/" + "(a" * 1500,
        "http://x.com/a" + "(b)" * 1000,
        "http://x.com/?" + "!" * 3000,
        "x.com " * 500,
    ],
    ids=lambda text: repr(text[:10]),
)
def test_pathological_inputs_are_counted_fast(text: str) -> None:
    started = time.perf_counter()
    count_x(text)
    find_urls(text, without_protocol=False)
    # Linear scanning takes milliseconds here; a backtracking pattern took tens of seconds.
    assert time.perf_counter() - started < 1.0


URL_PIECES = [
    "http://", "https://", "www.", "example", ".com", ".co", ".jp", "t.co/", "abc", ".", "/",
    "?q=1", "&x=", "(", ")", "-", "_", "@", "#", "日本", ".中国", ".한국", "xn--p1ai", "😷",
    "👨\u200d👩\u200d👧", "\u00a9", " ", "\n", ":8080", "é", "e\u0301", "\ufeff", "\u202a",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(URL_PIECES), st.text(max_size=4)), max_size=30))
def test_urls_are_ordered_spans_and_counts_are_consistent(pieces: list[str]) -> None:
    text = "".join(pieces)
    urls = find_urls(text)
    ends = [0]
    for start, end in urls:
        assert ends[-1] <= start < end <= len(text)
        ends.append(end)
    assert set(find_urls(text, without_protocol=False)) <= set(urls)
    counted = count_x(text)
    assert 0 <= counted.valid_range[1] <= counted.display_range[1]
    assert counted.valid == (
        0 < counted.weighted_length <= 280 and not any(ch in text for ch in "\ufffe\ufeff\uffff")
    )


def test_undecodable_input_is_counted_not_crashed_on() -> None:
    # Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape).
    text = b"ab\xffcd".decode("utf-8", "surrogateescape")
    assert count_x(text).weighted_length == 6
    assert find_urls(text + " example.com") == [(6, 17)]
