"""Every letter a person's own: 100 supporters writing to one office write 100 different letters.

The batch runs on the real ``Lookup`` and ``LetterRenderer`` over the offline data store
(``lookup_data``); the similarity it reports is checked against an exact computation over all
pairs and against the figure published in docs/letters.md.
"""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import pytest

from batch_support import manifest, write_csv
from civickit.outreach.similarity import SimilarityMeter, jaccard, shingles
from support.cli import invoke

DOCS = Path(__file__).parents[2] / "docs" / "letters.md"
FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal"]
LAST = ["Lopez", "Nguyen", "Okafor", "Smith", "Kowalski", "Haddad", "Chen", "Rossi", "Ito", "Diaz"]


def documented_median() -> float:
    """The median pairwise similarity docs/letters.md publishes for 100 supporters."""
    found = re.search(r"median pairwise similarity of \*\*(0\.\d+)\*\*", DOCS.read_text("utf-8"))
    assert found, "docs/letters.md publishes the measured median similarity"
    return float(found.group(1))


def body(letter: str) -> str:
    """A letter's words between the salutation and the signature."""
    return letter.split(":\n\n", 1)[1].split("\nSincerely,", maxsplit=1)[0]


def write_batch(sheet: Path, out: Path) -> None:
    """``civickit batch`` of ``sheet`` to the House members, txt letters only."""
    options = ["--out", str(out), "--to", "house", "--formats", "txt", "--no-packets", "--quiet"]
    invoke(["--as-of", "2026-11-26", "batch", str(sheet), *options], expect=0)


@pytest.fixture
def hundred(lookup_data: Path, tmp_path: Path) -> Path:
    rows = [["name", "address", "zip"]]
    rows += [
        [f"{first} {last}", f"{10 + i} Broadway", "94612"]
        for i, (first, last) in enumerate((f, la) for la in LAST for f in FIRST)
    ]
    sheet = write_csv(tmp_path / "hundred.csv", rows)
    out = tmp_path / "out"
    write_batch(sheet, out)
    return out


def test_a_hundred_supporters_write_a_hundred_different_letters(hundred: Path) -> None:
    records = manifest(hundred)
    assert [r["status"] for r in records] == ["ok"] * 100
    statements = [r["recipients"][0]["statement"] for r in records]
    assert len({r["recipients"][0]["office"] for r in records}) == 1
    assert len(set(statements)) == 100
    bodies = [body((hundred / r["files"][0]["path"]).read_text("utf-8")) for r in records]
    assert len(set(bodies)) == 100
    for statement, letter in zip(statements, bodies, strict=True):
        assert statement.split("\n\n")[0] in " ".join(letter.split())  # the opening
    sets = [shingles(text) for text in statements]  # no stories: the statement is the body
    exact = statistics.median(jaccard(a, b) for i, a in enumerate(sets) for b in sets[i + 1 :])
    assert exact < documented_median()
    assert abs(exact - documented_median()) < 0.05  # the published figure is the measured one
    summary = json.loads((hundred / "summary.json").read_text("utf-8"))
    office = summary["similarity"]["offices"]["Representative Lateefah Simon (CA-12)"]
    assert office["letters"] == 100
    assert office["identical_pairs"] == 0
    assert abs(office["median"] - exact) < 0.08  # the sampled sketch estimates it
    assert summary["warnings"] == []


def test_a_rerun_writes_the_same_letters(hundred: Path, tmp_path: Path) -> None:
    first = [r["recipients"][0]["statement"] for r in manifest(hundred)]
    again = tmp_path / "again"
    sheet = tmp_path / "hundred.csv"
    write_batch(sheet, again)
    assert [r["recipients"][0]["statement"] for r in manifest(again)] == first


def test_the_meter_samples_big_offices_and_stays_bounded() -> None:
    meter = SimilarityMeter(sample=10)
    for n in range(5000):
        meter.add("office", f"row-{n}", f"the same opening words {n % 3} and a closing")
    found = meter.offices()["office"]
    assert found.letters == 5000
    assert found.sampled == 10
    assert found.identical_pairs > 0  # only three different bodies
    assert len(meter._samples["office"]) == 10


def test_batch_warns_when_the_campaign_has_too_few_variants(
    lookup_data: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "plain"  # a new campaign: one federal fact, one wording of everything
    invoke(["campaign", "init", str(folder)], expect=0)
    rows = [["name", "zip"], *([f"Writer {n}", "94612"] for n in range(3))]
    sheet = write_csv(tmp_path / "three.csv", rows)
    out = tmp_path / "out"
    options = ["--out", str(out), "--to", "house", "--formats", "txt", "--no-packets", "--quiet"]
    result = invoke(["--campaign", str(folder), "batch", str(sheet), *options], expect=0)
    office = "Representative Lateefah Simon (CA-12)"
    assert result.stderr.splitlines()[:2] == [
        f"Warning: 3 letters to {office} but the campaign has only about 1 different letter "
        "for it: add openings, closings or ask phrasings (campaigns.md, [letter])",
        f"Warning: 3 pairs of identical letters to {office} among 3 sampled: add variants to "
        "the campaign",
    ]
    assert "alike: median 1.00, max 1.00" in result.stderr
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert len(summary["warnings"]) == 2
