"""The file directory: user targets from CSV, TSV, JSON Lines or TOML, validated as a whole."""

from __future__ import annotations

import csv
import io
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civickit.core.districts import District
from civickit.core.officials import Address
from civickit.errors import UsageError
from civickit.lookup.adapters.file_targets import (
    FileDirectory,
    TargetsError,
    TargetsFormat,
    load_targets,
)
from civickit.tabular import clean_cell
from lookup_support import read_targets
from netsupport import FIXTURES

TARGETS = FIXTURES / "targets"


def test_csv_with_bom_semicolons_and_aliases() -> None:
    mayor, member = load_targets(TARGETS / "council.csv")
    assert mayor.name == "Ada Lopez"
    assert mayor.title == "Mayor"
    assert mayor.office == "other"
    assert mayor.organisation == "City of Oakland"
    assert mayor.capitol_office == Address(
        "City of Oakland",
        ("1 Frank H. Ogawa Plaza", "3rd Floor"),
        city="Oakland",
        state="CA",
        zip="94612",
        phone="510-238-3141",
    )
    assert mayor.email == "mayor@example.gov"
    assert mayor.phones == ("510-238-3141",)
    assert mayor.provenance is not None and mayor.provenance.adapter == "file"
    assert member.state == "CA"  # "California" normalised
    assert member.email is None
    assert member.seat_label == "Oakland City Council"


def test_toml_targets() -> None:
    ceo, privacy = load_targets(TARGETS / "executives.toml")
    assert ceo.capitol_office is not None
    assert ceo.capitol_office.postal_lines() == [
        "100 Market Street",
        "Suite 500",
        "San Francisco, CA 94105",
    ]
    assert privacy.organisation == "Example Retail Inc."
    assert privacy.contact_form == "https://example.com/privacy/contact"
    assert privacy.capitol_office is None


def test_every_problem_is_reported_with_its_line() -> None:
    with pytest.raises(TargetsError) as caught:
        load_targets(TARGETS / "bad.csv")
    assert caught.value.problems == [
        "row 2: name is empty; give the person's or office's name",
        "row 3: office 'mayor' is not one of us-senate, us-house, state-upper, state-lower, other",
        "row 3: state 'ZZ' is not a US state or territory; use e.g. CA",
        "row 3: zip: '12' is not a ZIP code: give 5 digits such as 94103 (or ZIP+4 94103-1234)",
        "row 3: email 'not-an-email' is not an e-mail address like clerk@example.gov",
        "row 3: city/zip given without a street address; add the address column",
        "row 4: website 'ftp://example.com' is not an http(s):// URL",
    ]
    assert str(caught.value).splitlines()[:2] == [
        f"{TARGETS / 'bad.csv'}: 7 problems:",
        "  - row 2: name is empty; give the person's or office's name",
    ]


def test_unknown_and_duplicate_columns() -> None:
    with pytest.raises(TargetsError) as caught:
        read_targets("name,emial,Name\nA,b,c\n")
    assert caught.value.problems == [
        "row 1: unknown column 'emial'; use the columns name, title, office, organisation, "
        "district, address, address2, city, state, zip, email, phone, website, contact_form, party, "
        "family_name",
        "row 1: column 'name' appears twice; keep one",
    ]


@pytest.mark.parametrize("row", ["A,a@example.com,extra", "A"])
def test_a_row_must_have_the_header_s_cells(row: str) -> None:
    # The strict structure of the one table reader: too many or too few cells stop the read.
    with pytest.raises(UsageError) as caught:
        read_targets(f"name,email\n{row}\n")
    assert not isinstance(caught.value, TargetsError)
    assert str(caught.value).startswith("stdin line 2: ")
    assert "where the header has 2" in str(caught.value)


def test_no_way_to_reach_a_target() -> None:
    with pytest.raises(TargetsError, match="no way to reach this target"):
        read_targets("name,title\nA Person,Clerk\n")


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("name,email\n\n", encoding="utf-8")
    with pytest.raises(TargetsError) as caught:
        load_targets(empty)
    assert str(caught.value) == f"{empty}: no targets found; add at least one row with a name"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="is empty; it needs a header row"):
        load_targets(empty)


def test_toml_problems_name_the_table_line() -> None:
    text = (
        '[[targets]]\nname = "A"\nemail = "a@example.com"\n\n[[targets]]\nname = 3.5\nfax = "1"\n'
    )
    with pytest.raises(TargetsError) as caught:
        read_targets(text, "toml")
    assert caught.value.path == "stdin"
    assert caught.value.problems == [
        "line 5: unknown field 'fax'; use name, title, office, organisation, district, address, "
        "address2, city, state, zip, email, phone, website, contact_form, party, family_name",
        "line 5: no way to reach this target; give an address, email, phone, website or "
        "contact_form",
    ]


def test_invalid_toml_names_the_line() -> None:
    with pytest.raises(UsageError) as caught:
        read_targets('[[targets]]\nname = "A\n', "toml")
    assert str(caught.value).startswith("stdin: not valid TOML: ")
    assert "line 2" in str(caught.value)


def test_toml_without_targets_tables() -> None:
    with pytest.raises(TargetsError, match=r"no \[\[targets\]\] tables"):
        read_targets('[[people]]\nname = "A"\n', "toml")


def test_missing_file_and_windows_1252(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file; check the path to the targets file"):
        load_targets(tmp_path / "nope.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name,email\nJos\xe9,j@example.com\n".encode("cp1252"))
    warnings: list[str] = []
    [jose] = load_targets(latin, notify=warnings.append)
    assert jose.name == "Jos\xe9"  # read as the supporter sheets are, with a warning
    assert warnings == [
        f"{latin} is not UTF-8 (byte 14); reading it as Windows-1252. Save it as UTF-8 "
        "(or pass --encoding) to be sure names come out right"
    ]
    toml = tmp_path / "latin.toml"
    toml.write_bytes('[[targets]]\nname = "Jos\xe9"\n'.encode("cp1252"))
    with pytest.raises(UsageError, match="is not UTF-8 text; save it as UTF-8 TOML"):
        load_targets(toml)


def test_only_regular_files_within_the_size_limit(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        load_targets(tmp_path)
    with pytest.raises(UsageError, match="is not a regular file"):
        load_targets("/dev/zero", "toml")
    with pytest.raises(UsageError, match="is not a regular file"):
        load_targets("/dev/null")
    big = tmp_path / "big.csv"
    big.write_bytes(b"name,email\n" + b"x" * (16 * 1024 * 1024))
    with pytest.raises(UsageError, match="larger than 16 MiB; split the targets file"):
        load_targets(big)


def test_stdin_with_format_guess() -> None:
    text = (TARGETS / "executives.toml").read_text(encoding="utf-8")
    assert [t.name for t in load_targets("-", stdin=io.StringIO(text))] == ["Jane Doe", "John Roe"]
    table = b"name\temail\nAda\ta@example.gov\n"
    assert [t.email for t in load_targets("-", stdin=io.BytesIO(table))] == ["a@example.gov"]
    with pytest.raises(UsageError, match="standard input, and none was given"):
        load_targets("-")


def test_tsv_and_json_lines(tmp_path: Path) -> None:
    tsv = tmp_path / "t.tsv"
    tsv.write_text("Name\tE-mail\nAda Lopez\tada@example.gov\n", encoding="utf-8")
    assert [(t.name, t.email) for t in load_targets(tsv)] == [("Ada Lopez", "ada@example.gov")]
    jsonl = tmp_path / "t.jsonl"
    jsonl.write_text(
        '{"name": "Ada Lopez", "email": "ada@example.gov"}\n'
        '{"name": "Sam Chen", "zip": 2134, "address": "1 Main St|Floor 2", "city": "Boston"}\n'
        "not json\n"
        '{"name": "Bo", "fax": "1", "email": "bo@example.gov"}\n',
        encoding="utf-8",
    )
    with pytest.raises(TargetsError) as caught:
        load_targets(jsonl)
    assert caught.value.problems == [
        "row 3: not valid JSON (Expecting value at column 1); write each target as one JSON "
        "object on its line",
        "row 4: unknown field 'fax'; use name, title, office, organisation, district, address, "
        "address2, city, state, zip, email, phone, website, contact_form, party, family_name",
    ]
    jsonl.write_text(
        '{"name": "Sam Chen", "zip": 2134, "address": "1 Main St|Floor 2", "city": "Boston", '
        '"state": "MA"}\n',
        encoding="utf-8",
    )
    [sam] = load_targets(jsonl)
    assert sam.capitol_office is not None
    assert sam.capitol_office.postal_lines() == ["1 Main St", "Floor 2", "Boston, MA 02134"]


def test_website_uses_the_one_url_check() -> None:
    with pytest.raises(TargetsError) as caught:
        read_targets("name,website\nA,https://\nB,https://exa mple.org\n")
    assert caught.value.problems == [
        "row 2: website 'https://' is not an http(s):// URL",
        "row 3: website 'https://exa mple.org' is not an http(s):// URL",
    ]


def test_header_values_cannot_carry_line_breaks() -> None:
    [target] = read_targets('name,email\n"Eve\nBcc: x@evil.test",e@example.com\n')
    assert "\n" not in target.name
    assert target.name == "Eve Bcc: x@evil.test"


def test_directory_filters_by_office_and_state(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "name,office,state,email\n"
        "Clerk,,,clerk@example.gov\n"
        "Rep A,us-house,CA,a@example.gov\n"
        "Rep B,us-house,NY,b@example.gov\n",
        encoding="utf-8",
    )
    directory = FileDirectory(path)
    assert directory.configured()
    ca = [District("CA", "cd", "12")]
    assert [t.name for t in directory.officials(ca, {"other"})] == ["Clerk"]
    assert [t.name for t in directory.officials(ca, {"us-house", "other"})] == ["Clerk", "Rep A"]
    assert [t.name for t in directory.officials([], {"us-house"})] == ["Rep A", "Rep B"]


def test_directory_without_a_file() -> None:
    directory = FileDirectory()
    assert not directory.configured()
    with pytest.raises(UsageError, match="no targets file given") as caught:
        directory.targets()
    assert "--" not in str(caught.value)  # a library caller has no --targets


# -- property tests ----------------------------------------------------------------------------

_TEXT = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="|\ufeff"
        ),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
_EMAIL = st.builds(
    "{}@{}.org".format,
    # A dot-atom local part (RFC 5322): no leading, trailing or doubled dot.
    st.from_regex(r"[a-z0-9_]{1,6}(\.[a-z0-9_]{1,5})?", fullmatch=True),
    st.text(string.ascii_lowercase, min_size=1, max_size=12),
)
_ROW = st.fixed_dictionaries(
    {"name": _TEXT, "email": _EMAIL},
    optional={"title": _TEXT, "organisation": _TEXT, "party": _TEXT},
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(_ROW, min_size=1, max_size=5),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    bom=st.booleans(),
    crlf=st.booleans(),
)
def test_csv_round_trip_any_dialect(
    rows: list[dict[str, str]], delimiter: str, bom: bool, crlf: bool
) -> None:
    columns = ["name", "email", "title", "organisation", "party"]
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=columns,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL,
        lineterminator="\r\n" if crlf else "\n",
    )
    writer.writeheader()
    writer.writerows(rows)
    text = ("\ufeff" if bom else "") + buffer.getvalue()
    targets = read_targets(text)
    assert [t.name for t in targets] == [row["name"] for row in rows]
    assert [t.email for t in targets] == [row["email"] for row in rows]
    assert [t.title for t in targets] == [row.get("title", "") for row in rows]
    assert [t.organisation for t in targets] == [row.get("organisation") for row in rows]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["csv", "tsv", "jsonl", "toml"]))
def test_arbitrary_text_gives_targets_or_a_usage_error(text: str, fmt: TargetsFormat) -> None:
    try:
        targets = read_targets(text, fmt)
    except UsageError as exc:
        assert str(exc)
        assert "\n" not in str(exc).split(": ", 1)[0]
    else:
        assert targets
        assert all(t.name and "\n" not in t.name for t in targets)


def test_control_characters_are_removed() -> None:
    [table] = read_targets("name,email\nA\x00B\x1b,a@example.com\n")
    [toml] = read_targets(
        '[[targets]]\nname = "A\\u0000B"\naddress = ["1\\u001b Main"]\ncity = "X"\nzip = "02134"\n',
        "toml",
    )
    assert table.name == toml.name == "AB"
    assert toml.capitol_office is not None
    assert toml.capitol_office.lines == ("1 Main",)


def test_problem_row_is_the_spreadsheet_row() -> None:
    # As in supporter sheets: a quoted cell spanning lines is one row; blank lines count.
    text = 'name,address,email\nA,"1 Main St\n2nd Floor",a@example.com\n\nB,,bad\n'
    with pytest.raises(TargetsError) as caught:
        read_targets(text)
    assert caught.value.problems == [
        "row 4: email 'bad' is not an e-mail address like clerk@example.gov"
    ]


_ONE_CELL = st.text(max_size=30).filter(
    lambda s: s.strip() and not set(s) & set(',"\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029')
)


@settings(max_examples=300)
@given(_ONE_CELL)
def test_targets_files_and_sheets_share_one_email_and_phone_check(text: str) -> None:
    from civickit.core.contacts import parse_email, parse_phone

    for column, check in (("email", parse_email), ("phone", parse_phone)):
        try:
            check(clean_cell(text).strip())
        except UsageError:
            accepted = False
        else:
            accepted = True
        sheet = f"name,office,{column}\nAnn,other,{text}\n"
        try:
            read_targets(sheet)
        except UsageError as exc:
            assert not accepted, exc
        else:
            assert accepted
