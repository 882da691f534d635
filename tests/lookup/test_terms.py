"""Terms and Congresses: a lookup or letter dated after a member's term ends says so, and the ZIP
table warns once that its Congress (the 119th) is over; nothing before 2027-01-03 does."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from batch_support import write_csv
from civickit.core.officials import Official, Provenance
from civickit.core.terms import Term, congress_end, congress_on, congress_start
from civickit.lookup.terms import date_warnings
from clock_support import Day
from support.cli import RunCli

NEW_CONGRESS = dt.date(2027, 1, 3)
LETTER = ["--name", "Ada Lopez", "--from-address", "1 Main St; Cheyenne, WY 82001"]


def test_congress_dates() -> None:
    assert congress_start(119) == dt.date(2025, 1, 3)
    assert congress_end(119) == congress_start(120) == NEW_CONGRESS
    assert congress_on(dt.date(2027, 1, 2)) == 119
    assert congress_on(NEW_CONGRESS) == 120
    assert congress_on(dt.date(1935, 1, 3)) == 74


@given(st.dates(min_value=dt.date(1935, 1, 3), max_value=dt.date(2400, 1, 1)))
def test_every_day_lies_in_the_congress_it_is_said_to(day: dt.date) -> None:
    number = congress_on(day)
    assert congress_start(number) <= day < congress_end(number)


def test_a_term_is_over_on_its_last_day() -> None:
    term = Term.from_iso("2025-01-03", "2027-01-03")
    assert term == Term(dt.date(2025, 1, 3), NEW_CONGRESS)
    assert not term.ended(dt.date(2027, 1, 2))
    assert term.ended(NEW_CONGRESS)
    assert Term.from_iso(None, "not a date") is None
    assert not Term(dt.date(2025, 1, 3)).ended(dt.date(2100, 1, 1))  # no end given


def official(name: str, end: str | None) -> Official:
    return Official(
        name=name,
        office="us-senate",
        title="Senator",
        state="WY",
        provenance=Provenance("congress-legislators", "congress-legislators", "2026-06-10"),
        term=Term.from_iso("2021-01-03", end),
    )


def test_date_warnings_name_each_ended_term_once_and_the_zip_table() -> None:
    ended, later = official("A Senator", "2027-01-03"), official("B Senator", "2031-01-03")
    zcta = Provenance("zcta", "zcta-cd", "2024-10-24")
    assert date_warnings([ended, later], [zcta], dt.date(2027, 1, 2)) == ()
    warnings = date_warnings([ended, ended, later], [zcta], NEW_CONGRESS)
    assert [w.kind for w in warnings] == ["congress-ended", "term-ended"]
    assert warnings[1].to_dict() == {
        "kind": "term-ended",
        "message": "warning: the term of Senator A Senator, WY (Senate), ended on 2027-01-03 "
        "(as of 2027-01-03); the data (of 2026-06-10) may not name who holds the seat now: "
        "run: civickit data sync",
        "ended": "2027-01-03",
        "seat": "WY (Senate)",
        "name": "A Senator",
    }
    assert [w.kind for w in date_warnings([ended], [], NEW_CONGRESS)] == ["term-ended"]


ZIP_WARNING = (
    "warning: the ZIP table describes the districts of the 119th Congress, which ended on "
    "2027-01-03; districts redrawn for the 120th Congress are not in it: use --address "
    "(or --district) for the current district\n"
)


def test_lookup_after_the_new_congress_warns(
    lookup_data: Path, run_cli: RunCli, today: type[Day]
) -> None:
    today.current = dt.date(2027, 1, 4)
    result = run_cli(["lookup", "--zip", "82001"], expect=0)
    assert result.stderr.startswith(ZIP_WARNING)
    lines = result.stderr.splitlines()[1:]
    # Wyoming: Lummis's term ends with the 119th Congress, Barrasso's in 2031.
    assert lines == [
        "warning: the term of Senator Cynthia M. Lummis, WY (Senate), ended on 2027-01-03 "
        "(as of 2027-01-04); the data (of 2026-06-10) may not name who holds the seat now: "
        "run: civickit data sync",
        "warning: the term of Representative Harriet M. Hageman, WY-AL, ended on 2027-01-03 "
        "(as of 2027-01-04); the data (of 2026-06-10) may not name who holds the seat now: "
        "run: civickit data sync",
    ]
    data = run_cli(["lookup", "--zip", "82001", "--format", "json"], expect=0).json()
    assert [(w["kind"], w["seat"]) for w in data["date_warnings"]] == [
        ("congress-ended", ""),
        ("term-ended", "WY (Senate)"),
        ("term-ended", "WY-AL"),
    ]
    hageman = next(o for o in data["officials"] if o["name"] == "Harriet M. Hageman")
    assert hageman["term"] == {"start": "2025-01-03", "end": "2027-01-03"}


def test_lookup_before_the_new_congress_is_quiet(
    lookup_data: Path, run_cli: RunCli, today: type[Day]
) -> None:
    today.current = dt.date(2027, 1, 2)
    result = run_cli(["lookup", "--zip", "82001", "--format", "json"], expect=0)
    assert result.stderr == ""
    assert result.json()["date_warnings"] == []


def test_lookup_as_of_and_the_global_as_of(lookup_data: Path, run_cli: RunCli) -> None:
    by_district = run_cli(["lookup", "--district", "WY-AL", "--as-of", "2027-02-01"], expect=0)
    # Lummis and Hageman; Barrasso's term runs to 2031. A district lookup uses no ZIP table.
    assert by_district.stderr.count("warning: the term of") == 2
    assert "ZIP table" not in by_district.stderr
    globally = run_cli(["--as-of", "2027-02-01", "lookup", "--district", "WY-AL"], expect=0)
    assert globally.stderr == by_district.stderr
    # The command's own --as-of wins over the global one.
    earlier = ["--as-of", "2027-02-01", "lookup", "--district", "WY-AL", "--as-of", "2026-12-01"]
    assert run_cli(earlier, expect=0).stderr == ""
    bad = run_cli(["lookup", "--district", "WY-AL", "--as-of", "someday"], expect=2)
    assert bad.stderr.startswith("Error: --as-of: cannot read the date 'someday'")


def test_a_letter_dated_after_the_term_says_so(lookup_data: Path, run_cli: RunCli) -> None:
    dated = run_cli(
        ["letter", "--zip", "82001", "--to", "us-house", *LETTER, "--date", "2027-01-05"],
        expect=0,
    )
    assert "Dear Representative Hageman" in dated.stdout
    assert dated.stderr.splitlines()[:2] == [
        ZIP_WARNING.strip(),
        "warning: the term of Representative Harriet M. Hageman, WY-AL, ended on 2027-01-03 "
        "(as of 2027-01-05); the data (of 2026-06-10) may not name who holds the seat now: "
        "run: civickit data sync",
    ]
    before = ["letter", "--district", "WY-AL", "--to", "us-house", *LETTER, "--date", "2027-01-02"]
    assert "warning" not in run_cli(before, expect=0).stderr


def test_a_call_script_after_the_term_says_so(lookup_data: Path, run_cli: RunCli) -> None:
    script = run_cli(["--as-of", "2031-01-03", "callscript", "--district", "WY-AL"], expect=0)
    assert script.stderr.count("warning: the term of") == 3  # Barrasso's too, in 2031


def test_a_batch_dated_after_the_terms_warns_once_each(
    lookup_data: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    rows = [["name", "address", "zip"], ["Ada Lopez", "1 Main St", "82001"]]
    rows += [["Bob Ray", "2 Main St", "82001"], ["Cy Dee", "3 Main St", "94612"]]
    sheet = write_csv(tmp_path / "sheet.csv", rows)
    out = tmp_path / "out"
    args = ["batch", str(sheet), "--out", str(out), "--date", "2027-01-05", "--format", "json"]
    result = run_cli(args, expect=0)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings[0] == ZIP_WARNING.strip()
    assert len(warnings) == len(set(warnings)) == 1 + 2 + 1  # WY: Lummis, Hageman; CA-12: Simon
    assert "Lateefah Simon, CA-12, ended on 2027-01-03 (as of 2027-01-05)" in warnings[3]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["warnings"] == warnings == result.json()["warnings"]
    quiet = run_cli([*args[:3], str(tmp_path / "early"), "--date", "2027-01-02"], expect=0)
    assert "warning" not in quiet.stderr
