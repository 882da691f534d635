"""``civickit letter``, ``callscript`` and ``templates`` through the shared CLI runner."""

from __future__ import annotations

import datetime as dt
import email
import io
from email import policy
from pathlib import Path

import pytest

from support.cli import CliResult, RunCli, invoke

# The officials come from the real data store seeded by ``lookup_data`` (tests/fixtures/lookup):
# CA-12 is Lateefah Simon, California's senators are Adam B. Schiff and Alex Padilla, CA-14 is
# vacant, CA-SD-2 is Mike McGuire and CA-AD-2 is Chris Rogers; ZIP 10011 spans NY-12 and NY-10.
SENDER_ARGS = ["--name", "Ada Lopez", "--from-address", "1 Main St; Oakland, CA 94612"]
DATE_ARGS = ["--date", "2026-11-26"]


def run(*args: str, input: str | bytes | None = None) -> CliResult:
    return invoke(list(args), input=input)


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


def test_letters_to_stdout(lookup_data: Path) -> None:
    result = run("letter", "--district", "CA-12", *SENDER_ARGS, *DATE_ARGS)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    letters = result.stdout.split("\f\n")
    assert [letter.count("Sincerely,") for letter in letters] == [1, 1, 1]
    assert "Dear Senator Schiff:" in letters[0]
    assert "Dear Senator Padilla:" in letters[1]
    assert "Dear Representative Simon:" in letters[2]
    # The inside address is the member's Washington office from the data.
    assert "1023 Longworth House Office Building\nWashington, DC 20515-0512" in letters[2]


def test_letters_for_a_district_one_file_per_official(lookup_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "letters"
    result = run(
        "letter", "--district", "CA-12", "--name", "Ada Lopez",
        "--from-address", "1 Main St, Oakland, CA 94612", *DATE_ARGS, "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    salutations = {
        "2026-11-26_us-senate_CA_schiff.txt": "Dear Senator Schiff:",
        "2026-11-26_us-senate_CA_padilla.txt": "Dear Senator Padilla:",
        "2026-11-26_us-house_CA-12_simon.txt": "Dear Representative Simon:",
    }
    assert result.stderr == "".join(f"Wrote {out.resolve() / name}\n" for name in salutations)
    assert result.stdout == ""
    from civickit.files import current_umask

    for name, salutation in salutations.items():
        assert (out / name).stat().st_mode & 0o777 == 0o666 & ~current_umask()
        text = (out / name).read_text(encoding="utf-8")
        assert text.count(salutation) == 1
        assert text.startswith("Ada Lopez\n1 Main St\nOakland, CA 94612\n")


def test_state_letters_to_a_folder(lookup_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "letters"
    for district in ("CA-SD-2", "CA-AD-2"):
        result = run(
            "letter", "--district", district, "--to", "state", *SENDER_ARGS, *DATE_ARGS,
            "--out", str(out),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "2026-11-26_state-lower_CA-AD-2_rogers.txt",
        "2026-11-26_state-upper_CA-SD-2_mcguire.txt",
    ]
    assert result.stderr.splitlines() == [
        "Note: no Washington or Capitol office address is published for Chris Rogers (CA-AD-2) "
        "(the Open States bulk CSV leaves Capitol offices empty, openstates/issues#1392); use a "
        "district office or the contact details",
        f"Wrote {out.resolve() / names[0]}",
    ]
    assembly = (out / names[0]).read_text(encoding="utf-8")
    assert assembly.count("Dear Assemblymember Rogers:") == 1
    assert "50 D St. Suite 450\nSanta Rosa, CA 95404" in assembly  # the district office


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--date", "26/11/2026", "--dayfirst"], "November 26, 2026"),
        (["--date", "Nov 3 2026"], "November 3, 2026"),
        (["--date", "2026-02-01"], "February 1, 2026"),
        (["--date", "today"], "{today}"),
    ],
)
def test_date_as_people_type_it(lookup_data: Path, args: list[str], expected: str) -> None:
    today = dt.date.today()
    expected = expected.format(today=f"{today:%B} {today.day}, {today.year}")
    result = run("letter", "--district", "CA-12", "--to", "senate", *SENDER_ARGS, *args)
    assert result.exit_code == 0, result.output
    assert f"\n\n{expected}\n\n" in result.stdout


def test_unreadable_date_is_a_usage_error(isolated_env: Path) -> None:
    # No data store here: had the place been looked up first, the error would be the missing
    # dataset (offline), not the date.
    result = run("letter", "--district", "CA-12", *SENDER_ARGS, "--date", "someday")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --date: cannot read the date 'someday': use a form like 2026-11-26, 'Nov 26 2026' "
        "or 'today'\n"
    )
    assert not (isolated_env / "civickit-data").exists()


def test_ambiguous_zip_is_refused_with_the_candidates(lookup_data: Path) -> None:
    result = run("letter", "--zip", "10011", *SENDER_ARGS)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --zip 10011 lies in more than one district (NY-12, NY-10); give --district "
        "NY-12 (or another of them) or --address with your street address\n"
    )
    assert result.stdout == ""


def test_vacant_seat_is_a_note(lookup_data: Path) -> None:
    # No ZIP of the fixtures lies in CA-14: write as a non-constituent.
    result = run("letter", "--district", "CA-14", *SENDER_ARGS, "--not-constituent", *DATE_ARGS)
    assert result.exit_code == 0
    assert result.stderr == "Note: CA-14 is vacant: no current Representative; no letter written\n"
    assert result.stdout.count("Sincerely,") == 2
    assert "Dear Representative" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Error: give --district, --zip or --address (or several, or --targets FILE)\n"),
        (
            ["--district", "CA-12", "--zip", "95501"],
            "Error: ZIP 95501 is in CA-2, --district says CA-12; correct one of them\n",
        ),
        (
            ["--district", "CA-12", "--source", "congress-gov"],
            "Error: --source congress-gov is not configured: set CONGRESS_GOV_API_KEY, or drop "
            "--source\n",
        ),
        (
            ["--district", "CA-12", "--source", "nobody"],
            "Error: --source 'nobody' is not a directory: choose from congress-gov, "
            "congress-legislators, file, openstates (see civickit adapters list)\n",
        ),
        (
            ["--district", "CA-12", "--to", "mayor"],
            "Error: --to 'mayor': unknown office 'mayor'; use a comma list of house, senate, "
            "state-upper, state-lower, state, federal, other, all\n",
        ),
        (
            ["--district", "CA-12", "--template-dir", "/nonexistent/dir"],
            "Error: --template-dir /nonexistent/dir: no such folder; create it or fix the path\n",
        ),
    ],
)
def test_bad_options_are_usage_errors(lookup_data: Path, args: list[str], message: str) -> None:
    result = run("letter", *args, *SENDER_ARGS)
    assert result.exit_code == 2
    assert result.stderr == message


def test_traversal_in_a_name_stays_inside_out(tmp_path: Path) -> None:
    targets = tmp_path / "in" / "targets.csv"
    targets.parent.mkdir()
    targets.write_text("name,office,state,email\n../../etc/x,other,CA,x@example.org\n")
    out = tmp_path / "a" / "b"
    result = run("letter", "--targets", str(targets), *SENDER_ARGS, *DATE_ARGS, "--out", str(out))
    assert result.exit_code == 0, result.output
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != targets]
    assert written == [out.resolve() / "2026-11-26_other_CA_etc-x.txt"]


def test_existing_letter_is_not_overwritten_without_force(
    lookup_data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "2026-11-26_us-senate_CA_padilla.txt"
    mine.write_text("keep me", encoding="utf-8")
    args = ["letter", "--district", "CA-12", *SENDER_ARGS, *DATE_ARGS, "--out", str(out)]
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {mine.resolve()} already exists; add --force to replace it or choose "
        "another --out folder\n"
    )
    assert mine.read_text(encoding="utf-8") == "keep me"
    assert len(list(out.iterdir())) == 1  # the letters before it were not written either
    assert run(*args, "--force").exit_code == 0
    assert len(list(out.iterdir())) == 3
    assert mine.read_text(encoding="utf-8").startswith("Ada Lopez")


def test_story_from_a_file_and_from_stdin(lookup_data: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("I was wrongly matched\nby a camera.\n", encoding="utf-8")
    base = ["letter", "--district", "CA-12", "--to", "senate", *SENDER_ARGS]
    from_file = run(*base, "--story", f"@{story}")
    assert "\nI was wrongly matched by a camera.\n" in from_file.stdout
    from_stdin = run(*base, "--story", "@-", input="Told on stdin.\n")
    assert "\nTold on stdin.\n" in from_stdin.stdout
    assert run(*base, "--story", "@" + str(tmp_path / "absent.txt")).exit_code != 0


def test_html_escapes_the_sender(lookup_data: Path) -> None:
    result = run(
        "letter", "--district", "CA-12", "--format", "html",
        "--name", "<script>alert(1)</script>", "--from-address", "1 Main St; Town, CA 90000",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "<script>" not in result.stdout
    assert result.stdout.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 6  # 3 letters x 2
    assert result.stdout.count("<html") == 1


def test_eml_refuses_a_header_injection(lookup_data: Path) -> None:
    result = run(
        "letter", "--district", "CA-12", "--to", "senate", "--format", "eml",
        "--name", "Name\nBcc: x@y", "--from-address", "1 Main St", "--email", "a@example.org",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the sender name 'Name\\nBcc: x@y' contains a line break; give it on one line\n"
    )
    assert result.stdout == ""


def test_eml_files(lookup_data: Path, tmp_path: Path) -> None:
    for district in ("CA-SD-2", "CA-AD-2"):
        result = run(
            "letter", "--district", district, "--to", "state", "--format", "eml",
            *SENDER_ARGS, "--email", "ada@example.org", *DATE_ARGS, "--out", str(tmp_path),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    parsed = [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    assert sorted(m["To"] for m in parsed) == [
        "Chris Rogers <assemblymember.rogers@assembly.ca.gov>",
        "Mike McGuire <senator.mcguire@senate.ca.gov>",
    ]
    assert {m["Subject"] for m in parsed} == {"Stop police use of facial recognition"}


def test_several_emails_cannot_share_stdout(lookup_data: Path) -> None:
    council = Path(__file__).parents[1] / "fixtures" / "targets" / "council.csv"
    result = run(
        "letter", "--district", "CA-SD-10", "--to", "state-upper", "--targets", str(council),
        "--format", "eml", *SENDER_ARGS, "--email", "a@example.org",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 2 e-mails cannot share one stream: give --out DIR for one .eml per office\n"
    )


def test_pdf_to_stdout_has_one_page_per_letter(lookup_data: Path, run_cli: RunCli) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint cannot be imported here")
    from pypdf import PdfReader

    result = run_cli(["letter", "--district", "CA-12", "--format", "pdf", *SENDER_ARGS])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(result.stdout_bytes)).pages) == 3


# ----------------------------------------------------------------------------- callscript


def test_callscript_json(lookup_data: Path) -> None:
    result = run("callscript", "--district", "CA-14", "--format", "json", "--name", "Ada")
    assert result.exit_code == 0
    assert result.stderr == "Note: CA-14 is vacant: no current Representative; no script\n"
    scripts = result.json()
    assert [s["addressee"] for s in scripts] == ["Senator Schiff", "Senator Padilla"]
    assert scripts[1]["phones"][0] == {"label": "Washington Office", "number": "202-224-3553"}
    assert "my name is Ada and I live in [your city and ZIP code]" in scripts[0]["script"]


def test_callscript_for_a_zip_says_the_zip(lookup_data: Path) -> None:
    result = run("callscript", "--zip", "95501", "--to", "house", "--format", "json")
    assert result.exit_code == 0, result.output
    (script,) = result.json()
    assert script["addressee"] == "Representative Huffman"
    assert "my name is [your name] and I live in ZIP code 95501." in script["script"]


def test_callscript_text_and_markdown(lookup_data: Path) -> None:
    text = run("callscript", "--district", "CA-12", "--from-address", "Eureka, CA 95501")
    assert text.exit_code == 0
    assert text.stdout.startswith("Senator Schiff (California)\n====")
    assert "I live in Eureka, CA 95501." in " ".join(text.stdout.split())
    md = run("callscript", "--district", "CA-12", "--format", "md")
    assert md.stdout.startswith("# Call script: Stop police use of facial recognition\n")
    assert "## Representative Simon (California's 12th congressional district)" in md.stdout


# ----------------------------------------------------------------------------- templates


def test_templates_list_json() -> None:
    result = run("templates", "list", "--format", "json")
    assert result.exit_code == 0
    names = [t["name"] for t in result.json()]
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


def test_letter_with_a_copied_and_edited_template(lookup_data: Path, tmp_path: Path) -> None:
    (tmp_path / "brief.txt").write_text("{{ salutation }}, {{ ask.short }}.\n", encoding="utf-8")
    result = run(
        "letter", "--district", "CA-12", "--to", "senate", *SENDER_ARGS,
        "--template-dir", str(tmp_path), "--template", "brief",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.startswith("Dear Senator Schiff, pass a national law")
    assert "\nDear Senator Padilla, pass a national law" in result.stdout


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
    docs = (Path(__file__).resolve().parents[2] / "docs" / "letters.md").read_text(encoding="utf-8")
    assert f"civickit {command}" in docs
