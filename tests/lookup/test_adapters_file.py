"""The file directory: user targets from CSV or TOML, validated as a whole."""

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
    parse_targets,
)
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
        "line 2: name is empty; give the person's or office's name",
        "line 3: office 'mayor' is not one of us-senate, us-house, state-upper, state-lower, other",
        "line 3: state 'ZZ' is not a US state or territory; use e.g. CA",
        "line 3: zip: '12' is not a ZIP code: give 5 digits such as 94103 (or ZIP+4 94103-1234)",
        "line 3: email 'not-an-email' is not an e-mail address like clerk@example.gov",
        "line 3: city/zip given without a street address; add the address column",
        "line 4: website 'ftp://example.com' is not an http(s):// URL",
    ]
    assert str(caught.value).splitlines()[:2] == [
        f"{TARGETS / 'bad.csv'}: 7 problems:",
        "  - line 2: name is empty; give the person's or office's name",
    ]


def test_unknown_and_duplicate_columns() -> None:
    with pytest.raises(TargetsError) as caught:
        parse_targets("name,emial,Name\nA,b,c\n", "csv", source="t.csv")
    assert caught.value.problems == [
        "line 1: unknown column 'emial'; use the columns name, title, office, organisation, "
        "district, address, address2, city, state, zip, email, phone, website, contact_form, party, "
        "family_name",
        "line 1: column 'name' appears twice; keep one",
    ]


def test_row_with_too_many_cells() -> None:
    with pytest.raises(TargetsError) as caught:
        parse_targets("name,email\nA,a@example.com,extra\n", "csv")
    assert caught.value.problems == [
        "line 2: 1 more cells than the header has columns; quote cells that contain the delimiter"
    ]


def test_no_way_to_reach_a_target() -> None:
    with pytest.raises(TargetsError, match="no way to reach this target"):
        parse_targets("name,title\nA Person,Clerk\n", "csv")


def test_empty_file() -> None:
    with pytest.raises(TargetsError) as caught:
        parse_targets("name,email\n\n", "csv", source="empty.csv")
    assert str(caught.value) == "empty.csv: no targets found; add at least one row with a name"


def test_toml_problems_name_the_table_line() -> None:
    text = (
        '[[targets]]\nname = "A"\nemail = "a@example.com"\n\n[[targets]]\nname = 3.5\nfax = "1"\n'
    )
    with pytest.raises(TargetsError) as caught:
        parse_targets(text, "toml", source="t.toml")
    assert caught.value.problems == [
        "line 5: unknown field 'fax'; use name, title, office, organisation, district, address, "
        "address2, city, state, zip, email, phone, website, contact_form, party, family_name",
        "line 5: no way to reach this target; give an address, email, phone, website or "
        "contact_form",
    ]


def test_invalid_toml_names_the_line() -> None:
    with pytest.raises(UsageError) as caught:
        parse_targets('[[targets]]\nname = "A\n', "toml", source="t.toml")
    assert str(caught.value).startswith("t.toml: not valid TOML: ")
    assert "line 2" in str(caught.value)


def test_toml_without_targets_tables() -> None:
    with pytest.raises(TargetsError, match=r"no \[\[targets\]\] tables"):
        parse_targets('[[people]]\nname = "A"\n', "toml")


def test_missing_file_and_non_utf8(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist; check the path"):
        load_targets(tmp_path / "nope.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name,email\nJos\xe9,j@example.com\n".encode("latin-1"))
    with pytest.raises(UsageError, match="is not UTF-8 text"):
        load_targets(latin)


def test_stdin_with_format_guess() -> None:
    text = (TARGETS / "executives.toml").read_text(encoding="utf-8")
    assert [t.name for t in load_targets("-", stdin=io.StringIO(text))] == ["Jane Doe", "John Roe"]
    with pytest.raises(UsageError, match="standard input, which is not available"):
        load_targets("-")


def test_header_values_cannot_carry_line_breaks() -> None:
    [target] = parse_targets('name,email\n"Eve\nBcc: x@evil.test",e@example.com\n', "csv")
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
    with pytest.raises(UsageError, match="pass --targets FILE"):
        directory.targets()


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
    st.text(string.ascii_lowercase + string.digits + "._", min_size=1, max_size=12),
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
    targets = parse_targets(text, "csv")
    assert [t.name for t in targets] == [row["name"] for row in rows]
    assert [t.email for t in targets] == [row["email"] for row in rows]
    assert [t.title for t in targets] == [row.get("title", "") for row in rows]
    assert [t.organisation for t in targets] == [row.get("organisation") for row in rows]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["csv", "toml"]))
def test_arbitrary_text_gives_targets_or_a_usage_error(text: str, fmt: TargetsFormat) -> None:
    try:
        targets = parse_targets(text, fmt)
    except UsageError as exc:
        assert str(exc)
        assert "\n" not in str(exc).split(": ", 1)[0]
    else:
        assert targets
        assert all(t.name and "\n" not in t.name for t in targets)


def test_control_characters_are_refused() -> None:
    with pytest.raises(TargetsError) as caught:
        parse_targets("name,email\nA\x00B,a@example.com\n", "csv")
    assert caught.value.problems == ["line 2: name contains control characters; remove them"]


def test_problem_line_is_where_a_multiline_record_starts() -> None:
    text = 'name,address,email\nA,"1 Main St\n2nd Floor",a@example.com\nB,,bad\n'
    with pytest.raises(TargetsError) as caught:
        parse_targets(text, "csv")
    assert caught.value.problems == [
        "line 4: email 'bad' is not an e-mail address like clerk@example.gov"
    ]
