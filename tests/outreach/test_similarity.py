"""How alike letters are: word 3-shingles, Jaccard, sampled sketches, warnings."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.outreach.records import ManifestRecord, Recipient
from civickit.outreach.similarity import (
    SKETCH,
    SimilarityMeter,
    Sketch,
    jaccard,
    shingles,
    similarity_report,
)
from civickit.outreach.summary import BatchSummary

WORDS = [
    "police",
    "use",
    "facial",
    "recognition",
    "law",
    "state",
    "city",
    "ban",
    "privacy",
    "rights",
    "bias",
    "research",
]


def test_shingles_are_three_words_case_folded() -> None:
    assert shingles("Stop police use, NOW.") == {"stop police use", "police use now"}
    assert shingles("Two words") == {"two words"}
    assert shingles("") == set()
    assert jaccard(shingles("a b c d"), shingles("a b c e")) == 1 / 3


@given(st.lists(st.sampled_from(WORDS), min_size=4, max_size=60), st.integers(0, 2**32))
def test_the_sketch_is_exact_for_short_letters(words: list[str], seed: int) -> None:
    other = list(words)
    random.Random(seed).shuffle(other)
    a, b = " ".join(words), " ".join(other)
    if len(shingles(a) | shingles(b)) <= SKETCH:
        assert Sketch.of(a).similarity(Sketch.of(b)) == jaccard(shingles(a), shingles(b))


def test_the_sketch_estimates_long_letters() -> None:
    rng = random.Random(7)
    base = [rng.choice(WORDS) + str(rng.randrange(40)) for _ in range(400)]
    changed = base[:250] + [w + "x" for w in base[250:]]
    exact = jaccard(shingles(" ".join(base)), shingles(" ".join(changed)))
    estimate = Sketch.of(" ".join(base)).similarity(Sketch.of(" ".join(changed)))
    assert abs(estimate - exact) < 0.15


def test_too_few_variants_and_identical_letters_are_warned_of() -> None:
    meter = SimilarityMeter()
    for n in range(30):
        record = ManifestRecord(row=n + 2, id=f"id{n}", status="ok")
        record.recipients = [Recipient("k", "Senator A (CA)", statement="The same letter.")]
        meter.add_record(record)
    report = similarity_report(meter, {"Senator A (CA)": 4})
    assert report.warnings == (
        "30 letters to Senator A (CA) but the campaign has only about 4 different letters for "
        "it: add openings, closings or ask phrasings (campaigns.md, [letter])",
        "276 pairs of identical letters to Senator A (CA) among 24 sampled: add variants to the "
        "campaign",
    )
    assert report.to_dict()["offices"]["Senator A (CA)"]["median"] == 1.0
    summary = BatchSummary(Path("out"), similarity=report)
    assert summary.alike_text == "letters to one office alike: median 1.00, max 1.00"
    assert summary.to_dict()["similarity"]["measure"] == "Jaccard index of word 3-shingles"


def test_one_letter_per_office_reports_nothing_alike() -> None:
    meter = SimilarityMeter()
    meter.add("A", "1", "one letter only")
    report = similarity_report(meter, {"A": 10})
    assert report.offices == {}
    assert report.median is None
    assert BatchSummary(Path("out"), similarity=report).alike_text == ""
    assert report.warnings == ()


def test_many_offices_share_the_pair_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    import civickit.outreach.similarity as similarity

    monkeypatch.setattr(similarity, "PAIR_BUDGET", 300)
    meter = SimilarityMeter()
    for n in range(2000):
        meter.add(f"office {n % 100}", f"row {n}", f"letter number {n} says {n * 7} things")
    offices = meter.offices()
    assert len(offices) == 100
    assert {o.sampled for o in offices.values()} == {3}  # 100 offices x 3 pairs = the budget
    assert {o.letters for o in offices.values()} == {20}
