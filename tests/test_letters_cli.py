"""``civickit letter``, ``callscript`` and ``templates`` through click's CliRunner."""

from __future__ import annotations

import datetime as dt
import email
import io
import json
from collections.abc import Collection
from dataclasses import replace
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from civickit.cli import cli
from civickit.districts import District
from civickit.lookup import DEFAULT_OFFICES, Candidate, Lookup, LookupResult
from civickit.officials import OfficeKind, Official
from letters_officials import OFFICIALS, VACANT

SENDER_ARGS = ["--name", "Ada Lopez", "--from-address", "1 Main St; San Francisco, CA 94103"]
DATE_ARGS = ["--date", "2026-11-26"]
TRAVERSAL = Official("../../etc/x", "state-upper", "Senator", "CA", District("CA", "sldu", "9"))

PLACES: dict[str, LookupResult] = {
    "CA-11": LookupResult(
        query="CA-11",
        districts=(District("CA", "cd", "11"),),
        officials=(
            OFFICIALS["us_house"],
            OFFICIALS["us_senate"],
            OFFICIALS["state_upper"],
            OFFICIALS["state_lower_assembly"],
        ),
    ),
    "CA-20": LookupResult(
        query="CA-20",
        districts=(District("CA", "cd", "20"),),
        officials=(VACANT, OFFICIALS["us_senate"]),
    ),
    "CA-SD-9": LookupResult(
        query="CA-SD-9", districts=(District("CA", "sldu", "9"),), officials=(TRAVERSAL,)
    ),
    "10001": LookupResult(
        query="10001",
        districts=(District("NY", "cd", "10"), District("NY", "cd", "12")),
        officials=(),
        ambiguous=True,
        candidates=(
            Candidate(District("NY", "cd", "10"), ()),
            Candidate(District("NY", "cd", "12"), ()),
        ),
        notes=("ZIP 10001 spans 2 districts",),
    ),
}


@pytest.fixture
def fake_lookup(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """``Lookup.resolve`` answering from PLACES; returns the calls it received."""
    # replaced by the real data-store fixture at merge
    calls: list[dict[str, object]] = []

    def resolve(
        self: Lookup,
        *,
        district: str | None = None,
        zip_code: str | None = None,
        address: str | None = None,
        point: tuple[float, float] | None = None,
        offices: Collection[OfficeKind] = DEFAULT_OFFICES,
    ) -> LookupResult:
        calls.append({"district": district, "zip_code": zip_code, "offices": set(offices)})
        result = PLACES[district or zip_code or address or ""]
        return replace(result, officials=tuple(o for o in result.officials if o.office in offices))

    monkeypatch.setattr(Lookup, "resolve", resolve)
    return calls


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


# ----------------------------------------------------------------------------- help


@pytest.mark.parametrize(
    "command",
    [
        ["letter"],
        ["callscript"],
        ["templates"],
        ["templates", "list"],
        ["templates", "show"],
        ["templates", "copy"],
        ["templates", "check"],
    ],
)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"civickit {command[0]}" in result.output


# ----------------------------------------------------------------------------- letter


def test_letters_to_stdout(fake_lookup: list[dict[str, object]]) -> None:
    result = run("letter", "--district", "CA-11", *SENDER_ARGS, *DATE_ARGS)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    letters = result.stdout.split("\f\n")
    assert [letter.count("Sincerely,") for letter in letters] == [1, 1]
    assert "Dear Senator Padilla:" in letters[0]
    assert "Dear Representative Pelosi:" in letters[1]
    assert fake_lookup == [
        {"district": "CA-11", "zip_code": None, "offices": {"us-house", "us-senate"}}
    ]


def test_letters_to_a_folder(fake_lookup: list[dict[str, object]], tmp_path: Path) -> None:
    out = tmp_path / "letters"
    result = run(
        "letter", "--district", "CA-11", "--to", "all", *SENDER_ARGS, *DATE_ARGS, "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    names = [
        "2026-11-26_us-senate_CA_padilla.txt",
        "2026-11-26_us-house_CA-11_pelosi.txt",
        "2026-11-26_state-upper_CA-SD-2_mcguire.txt",
        "2026-11-26_state-lower_CA-AD-14_wicks.txt",
    ]
    assert result.stderr == "".join(f"Wrote {out.resolve() / name}\n" for name in names)
    assert result.stdout == ""
    assert (out / names[3]).read_text(encoding="utf-8").count("Dear Assemblymember Wicks:") == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--date", "26/11/2026", "--dayfirst"], "November 26, 2026"),
        (["--date", "Nov 3 2026"], "November 3, 2026"),
        (["--date", "2026-02-01"], "February 1, 2026"),
        (["--date", "today"], "{today}"),
    ],
)
def test_date_as_people_type_it(
    fake_lookup: list[dict[str, object]], args: list[str], expected: str
) -> None:
    today = dt.date.today()
    expected = expected.format(today=f"{today:%B} {today.day}, {today.year}")
    result = run("letter", "--district", "CA-11", "--to", "senate", *SENDER_ARGS, *args)
    assert result.exit_code == 0, result.output
    assert f"\n\n{expected}\n\n" in result.stdout


def test_unreadable_date_is_a_usage_error(fake_lookup: list[dict[str, object]]) -> None:
    result = run("letter", "--district", "CA-11", *SENDER_ARGS, "--date", "someday")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: cannot read the date 'someday': use a form like 2026-11-26, 'Nov 26 2026' "
        "or 'today'\n"
    )
    assert fake_lookup == []  # nothing is looked up for input that cannot be used


def test_ambiguous_zip_is_refused_with_the_candidates(fake_lookup: list[dict[str, object]]) -> None:
    result = run("letter", "--zip", "10001", *SENDER_ARGS)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --zip 10001 lies in more than one district (NY-10, NY-12); give --district "
        "NY-10 (or another of them) or --address with your street address\n"
    )
    assert result.stdout == ""


def test_vacant_seat_is_a_note(fake_lookup: list[dict[str, object]]) -> None:
    result = run("letter", "--district", "CA-20", *SENDER_ARGS, *DATE_ARGS)
    assert result.exit_code == 0
    assert result.stderr == "Note: the us-house seat CA-20 is vacant: no letter written\n"
    assert result.stdout.count("Sincerely,") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Error: give exactly one of --district, --zip or --address\n"),
        (
            ["--district", "CA-11", "--to", "mayor"],
            "Error: --to 'mayor': use a comma-separated list of house, senate, state-upper, "
            "state-lower, state, all\n",
        ),
        (
            ["--district", "CA-11", "--template-dir", "/nonexistent/dir"],
            "Error: --template-dir /nonexistent/dir: no such folder; create it or fix the path\n",
        ),
    ],
)
def test_bad_options_are_usage_errors(
    fake_lookup: list[dict[str, object]], args: list[str], message: str
) -> None:
    result = run("letter", *args, *SENDER_ARGS)
    assert result.exit_code == 2
    assert result.stderr == message


def test_traversal_in_a_name_stays_inside_out(
    fake_lookup: list[dict[str, object]], tmp_path: Path
) -> None:
    out = tmp_path / "a" / "b"
    result = run(
        "letter",
        "--district",
        "CA-SD-9",
        "--to",
        "state",
        *SENDER_ARGS,
        *DATE_ARGS,
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == [out.resolve() / "2026-11-26_state-upper_CA-SD-9_etc-x.txt"]


def test_existing_letter_is_not_overwritten_without_force(
    fake_lookup: list[dict[str, object]], tmp_path: Path
) -> None:
    mine = tmp_path / "2026-11-26_us-senate_CA_padilla.txt"
    mine.write_text("keep me", encoding="utf-8")
    args = ["letter", "--district", "CA-11", *SENDER_ARGS, *DATE_ARGS, "--out", str(tmp_path)]
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {mine.resolve()} already exists; use another --out folder or add --force to "
        "replace it\n"
    )
    assert mine.read_text(encoding="utf-8") == "keep me"
    assert len(list(tmp_path.iterdir())) == 1
    assert run(*args, "--force").exit_code == 0
    assert mine.read_text(encoding="utf-8").startswith("Ada Lopez")


def test_story_from_a_file_and_from_stdin(
    fake_lookup: list[dict[str, object]], tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("I was wrongly matched\nby a camera.\n", encoding="utf-8")
    base = ["letter", "--district", "CA-11", "--to", "senate", *SENDER_ARGS]
    from_file = run(*base, "--story", f"@{story}")
    assert "\nI was wrongly matched by a camera.\n" in from_file.stdout
    from_stdin = run(*base, "--story", "@-", input="Told on stdin.\n")
    assert "\nTold on stdin.\n" in from_stdin.stdout
    assert run(*base, "--story", "@" + str(tmp_path / "absent.txt")).exit_code != 0


def test_html_escapes_the_sender(fake_lookup: list[dict[str, object]]) -> None:
    result = run(
        "letter", "--district", "CA-11", "--format", "html",
        "--name", "<script>alert(1)</script>", "--from-address", "1 Main St; Town, CA 90000",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "<script>" not in result.stdout
    assert result.stdout.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 4  # 2 letters x 2
    assert result.stdout.count("<html") == 1


def test_eml_refuses_a_header_injection(fake_lookup: list[dict[str, object]]) -> None:
    result = run(
        "letter", "--district", "CA-11", "--to", "senate", "--format", "eml",
        "--name", "Name\nBcc: x@y", "--from-address", "1 Main St", "--email", "a@example.org",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the sender name 'Name\\nBcc: x@y' contains a line break; give it on one line\n"
    )
    assert result.stdout == ""


def test_eml_files(fake_lookup: list[dict[str, object]], tmp_path: Path) -> None:
    result = run(
        "letter", "--district", "CA-11", "--to", "state", "--format", "eml",
        *SENDER_ARGS, "--email", "ada@example.org", *DATE_ARGS, "--out", str(tmp_path),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    parsed = [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    assert sorted(m["To"] for m in parsed) == [
        "Buffy Wicks <assemblymember.wicks@assembly.ca.gov>",
        "Mike McGuire <senator.mcguire@senate.ca.gov>",
    ]
    assert {m["Subject"] for m in parsed} == {"Stop police use of facial recognition"}


def test_several_emails_cannot_share_stdout(fake_lookup: list[dict[str, object]]) -> None:
    result = run(
        "letter", "--district", "CA-11", "--format", "eml", *SENDER_ARGS, "--email", "a@example.org"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 2 e-mails cannot share one stream: give --out DIR for one .eml per office\n"
    )


def test_pdf_to_stdout_has_one_page_per_letter(fake_lookup: list[dict[str, object]]) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint cannot be imported here")
    from pypdf import PdfReader

    result = CliRunner().invoke(
        cli, ["letter", "--district", "CA-11", "--to", "all", "--format", "pdf", *SENDER_ARGS]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(result.stdout_bytes)).pages) == 4


# ----------------------------------------------------------------------------- callscript


def test_callscript_json(fake_lookup: list[dict[str, object]]) -> None:
    result = run("callscript", "--district", "CA-20", "--format", "json", "--name", "Ada")
    assert result.exit_code == 0
    assert result.stderr == "Note: the us-house seat CA-20 is vacant: no script\n"
    scripts = json.loads(result.stdout)
    assert [s["addressee"] for s in scripts] == ["Senator Padilla"]
    assert scripts[0]["phones"] == [{"label": "Washington Office", "number": "202-224-3553"}]
    assert "my name is Ada and I live in [your city and ZIP code]" in scripts[0]["script"]


def test_callscript_text_and_markdown(fake_lookup: list[dict[str, object]]) -> None:
    text = run("callscript", "--district", "CA-11", "--from-address", "Eureka, CA 95501")
    assert text.exit_code == 0
    assert text.stdout.startswith("Senator Padilla (California)\n====")
    assert "I live in Eureka, CA 95501." in " ".join(text.stdout.split())
    md = run("callscript", "--district", "CA-11", "--format", "md")
    assert md.stdout.startswith("# Call script: Stop police use of facial recognition\n")
    assert "## Representative Pelosi (California's 11th congressional district)" in md.stdout


# ----------------------------------------------------------------------------- templates


def test_templates_list_json() -> None:
    result = run("templates", "list", "--format", "json")
    assert result.exit_code == 0
    names = [t["name"] for t in json.loads(result.stdout)]
    assert "letter_us_senate.html" in names and "callscript.txt" in names


def test_templates_show_copy_and_check(tmp_path: Path) -> None:
    shown = run("templates", "show", "letter_us_house.txt")
    assert shown.exit_code == 0
    assert shown.stdout.startswith('{% extends "letter_base.txt" %}')
    copied = run("templates", "copy", "letter_us_house", str(tmp_path))
    assert copied.exit_code == 0
    assert (
        copied.stderr.splitlines()[-1]
        == f"Next: edit them, then run: civickit templates check {tmp_path}"
    )
    ok = run("templates", "check", str(tmp_path))
    assert (ok.exit_code, ok.stdout) == (0, "")
    assert ok.stderr == "OK: checked 3 templates against 10 sample officials\n"
    (tmp_path / "letter_us_house.md").write_text("{{ oops }}\n", encoding="utf-8")
    bad = run("templates", "check", str(tmp_path))
    assert bad.exit_code == 1
    assert bad.stdout == f"{tmp_path / 'letter_us_house.md'}:1: 'oops' is undefined\n"
    assert bad.stderr == "Error: checked 3 templates against 10 sample officials: 1 problem\n"


def test_letter_with_a_copied_and_edited_template(
    fake_lookup: list[dict[str, object]], tmp_path: Path
) -> None:
    (tmp_path / "brief.txt").write_text("{{ salutation }}, {{ ask.short }}.\n", encoding="utf-8")
    result = run(
        "letter", "--district", "CA-11", "--to", "senate", *SENDER_ARGS,
        "--template-dir", str(tmp_path), "--template", "brief",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.startswith("Dear Senator Padilla, pass a national law")


@pytest.mark.parametrize(
    "command",
    [
        "letter",
        "callscript",
        "templates list",
        "templates show",
        "templates copy",
        "templates check",
    ],
)
def test_every_command_is_documented(command: str) -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "letters.md").read_text(encoding="utf-8")
    assert f"civickit {command}" in docs
