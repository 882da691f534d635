"""Letters as a library: addressing, fact choice, citations, formats, safety, golden files."""

from __future__ import annotations

import dataclasses
import email
import hashlib
import re
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from civickit.campaign import Campaign, load_campaign
from civickit.core import addressing
from civickit.core.districts import District
from civickit.core.officials import Official
from civickit.errors import UsageError
from civickit.materials.letter_files import (
    combine_html,
    compose_letters,
    save_letters,
    stream_bytes,
    unique_name,
)
from civickit.materials.letters import (
    LetterRenderer,
    Sender,
    audience_for,
    letter_filename,
    message_id,
    office_email,
    parse_address,
    select_facts,
)
from letters_officials import AS_OF, LETTER_DATE, OFFICIALS, SENDER, VACANT
from support.golden import Golden

XSS = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign()


@pytest.fixture(scope="module")
def renderer(campaign: Campaign) -> LetterRenderer:
    return LetterRenderer(campaign, as_of=AS_OF)


# ----------------------------------------------------------------------------- addressing

SALUTATIONS = {
    "us_senate": "Dear Senator Padilla",
    "us_house": "Dear Representative Pelosi",
    "us_house_delegate": "Dear Delegate Norton",
    "us_house_resident_commissioner": "Dear Resident Commissioner Hernández",
    "state_upper": "Dear Senator McGuire",
    "state_lower_assembly": "Dear Assemblymember Wicks",
    "state_lower_delegate": "Dear Delegate Avery",
    "state_lower_representative": "Dear Representative Morgan",
    "other_company": "Dear Satya Nadella",
    "other_city": "Dear Members of the San Francisco Board of Supervisors",
}


@pytest.mark.parametrize(("case", "expected"), SALUTATIONS.items())
def test_salutation_per_office(case: str, expected: str) -> None:
    assert addressing.salutation(OFFICIALS[case]) == expected


@pytest.mark.parametrize("case", [c for c in OFFICIALS if not c.startswith("other")])
def test_inside_address_of_elected_officials_starts_the_honorable(case: str) -> None:
    official = OFFICIALS[case]
    assert addressing.inside_address(official)[0] == f"The Honorable {official.name}"


def test_inside_address_uses_the_washington_office() -> None:
    assert addressing.inside_address(OFFICIALS["us_senate"]) == [
        "The Honorable Alex Padilla",
        "United States Senate",
        "331 Hart Senate Office Building",
        "Washington, DC 20510",
    ]


def test_inside_address_falls_back_to_a_district_office() -> None:
    official = Official(
        "Ann Example",
        "us-house",
        "Representative",
        "CA",
        District("CA", "cd", "2"),
        district_offices=OFFICIALS["us_house"].district_offices,
    )
    assert addressing.inside_address(official)[2:] == [
        "90 7th Street",
        "Suite 2-800",
        "San Francisco, CA 94103",
    ]


@pytest.mark.parametrize(
    ("state", "title", "chamber"),
    [
        ("CA", "Assemblymember", "California State Assembly"),
        ("NY", "Assembly Member", "New York Assembly"),
        ("NV", "Assembly Member", "Nevada Assembly"),
        ("NJ", "Assembly Member", "New Jersey Assembly"),
        ("WI", "Representative", "Wisconsin State Assembly"),
        ("MD", "Delegate", "Maryland House of Delegates"),
        ("VA", "Delegate", "Virginia House of Delegates"),
        ("WV", "Delegate", "West Virginia House of Delegates"),
        ("TX", "Representative", "Texas House of Representatives"),
        ("OH", "Representative", "Ohio House of Representatives"),
    ],
)
def test_state_lower_title_follows_the_state(state: str, title: str, chamber: str) -> None:
    official = Official("Lee Example", "state-lower", "Member", state, District(state, "sldl", "1"))
    assert addressing.office_title(official) == title
    assert addressing.chamber_name(official) == chamber
    assert addressing.salutation(official) == f"Dear {title} Example"


@pytest.mark.parametrize(
    ("state", "title"), [("DC", "Delegate"), ("GU", "Delegate"), ("PR", "Resident Commissioner")]
)
def test_house_title_of_territories_without_a_title_in_the_data(state: str, title: str) -> None:
    official = Official("Lee Example", "us-house", "", state, District(state, "cd", "0"))
    assert addressing.office_title(official) == title


def test_constituency_phrases() -> None:
    assert addressing.constituency(OFFICIALS["us_house"]) == (
        "California's 11th congressional district"
    )
    assert addressing.constituency(OFFICIALS["us_house_delegate"]) == "the District of Columbia"
    assert addressing.constituency(OFFICIALS["state_lower_delegate"]) == (
        "Maryland House District 3A"
    )
    assert [addressing.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "111th",
    ]  # fmt: skip


# ----------------------------------------------------------------------------- facts


@pytest.mark.parametrize(
    ("case", "audience"),
    [
        ("us_senate", "federal"),
        ("us_house_delegate", "federal"),
        ("state_upper", "state"),
        ("state_lower_delegate", "state"),
        ("other_company", "companies"),
        ("other_city", "local"),
    ],
)
def test_audience_by_office(case: str, audience: str) -> None:
    assert audience_for(OFFICIALS[case]) == audience


def test_federal_letters_lead_with_the_national_law(renderer: LetterRenderer) -> None:
    facts = renderer.cited_facts(OFFICIALS["us_senate"])
    assert facts[0].id == "microsoft-no-police-sales"
    assert all("federal" in fact.tags for fact in facts)


def test_state_letters_lead_with_state_and_local_action(renderer: LetterRenderer) -> None:
    facts = renderer.cited_facts(OFFICIALS["state_upper"])
    assert [fact.id for fact in facts[:2]] == ["ab-2261-failed", "city-bans"]
    assert all("state" in fact.tags for fact in facts)


@pytest.mark.parametrize("audience", ["federal", "state", "local", "companies"])
def test_three_to_five_facts_each_from_the_campaign(campaign: Campaign, audience: str) -> None:
    selection = select_facts(campaign, audience)
    assert 3 <= len(selection.facts) <= 5
    noted = {note.number: note.source for note in selection.notes}
    for cited in selection.facts:
        assert campaign.fact(cited.fact.id) == cited.fact
        assert noted[cited.note] is campaign.sources[cited.fact.source.id]
    assert selection.ask == campaign.ask(audience)


def test_key_facts_fill_in_when_few_carry_the_audience_tag(campaign: Campaign) -> None:
    untargeted = [dataclasses.replace(f, applies=None) for f in campaign.facts]  # by tags only
    few = [f for f in untargeted if "local" in f.tags][:1]
    others = [f for f in untargeted if "local" not in f.tags]
    sparse = Campaign(**{**campaign.__dict__, "facts": tuple(few + others)})
    selection = select_facts(sparse, "local")
    assert len(selection.facts) == 3
    assert selection.facts[0].fact == few[0]
    assert all("key" in cited.fact.tags for cited in selection.facts[1:])


def _unwrapped(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("case", list(OFFICIALS))
def test_every_fact_in_a_letter_is_cited_with_date_and_source(
    renderer: LetterRenderer, case: str
) -> None:
    official = OFFICIALS[case]
    text = _unwrapped(renderer.render(official, SENDER, "txt", date=LETTER_DATE))
    selection = renderer.content(official, SENDER, date=LETTER_DATE)
    for cited in selection.facts:
        assert cited.fact.text.rstrip(".") in text
        assert cited.fact.date.phrase().lower() in text.lower()
        assert f"{_unwrapped(cited.sentence)}[{cited.note}]" in text
    for note in selection.notes:
        assert _unwrapped(f"[{note.number}] {note.source.citation()}") in text
    assert "this week" not in text


def test_cited_facts_in_each_format_carry_their_markers(renderer: LetterRenderer) -> None:
    official = OFFICIALS["us_house"]
    md = renderer.render(official, SENDER, "md", date=LETTER_DATE)
    html = renderer.render(official, SENDER, "html", date=LETTER_DATE)
    assert "[^1]: The Washington Post" in md
    assert re.search(r"\.\[\^2\]$", md, re.MULTILINE)
    anchor = "src-2026-11-26_us-house_CA-11_pelosi"
    assert f'<sup class="cite"><a href="#{anchor}-1">[1]</a></sup>' in html
    assert f'<li id="{anchor}-2">The Verge' in html


# ----------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
@pytest.mark.parametrize("case", list(OFFICIALS))
def test_golden_letter(renderer: LetterRenderer, case: str, fmt: str, golden: Golden) -> None:
    sender = SENDER
    if case == "us_house":  # one letter per format shows the personal story
        sender = Sender(
            **{**SENDER.__dict__, "story": "My cousin was stopped\nby mistake.\n\nTwice."}
        )
    text = renderer.render(OFFICIALS[case], sender, fmt, date=LETTER_DATE)
    golden.check(f"letters/{case}.{fmt}", text)


@pytest.mark.parametrize("case", list(OFFICIALS))
def test_txt_letters_wrap_at_72_columns(renderer: LetterRenderer, case: str) -> None:
    text = renderer.render(OFFICIALS[case], SENDER, "txt", date=LETTER_DATE)
    assert max(len(line) for line in text.splitlines()) <= 72


def test_story_paragraphs_are_kept(renderer: LetterRenderer) -> None:
    sender = Sender(**{**SENDER.__dict__, "story": "First  part\nof it.\n\n  Second."})
    text = renderer.render(OFFICIALS["us_senate"], sender, "txt", date=LETTER_DATE)
    assert "\n\nFirst part of it.\n\nSecond.\n\n" in text


# ----------------------------------------------------------------------------- safety


def test_sender_markup_is_escaped_in_html(renderer: LetterRenderer) -> None:
    sender = Sender(name=XSS, address=f"{XSS}\nTown, CA 90000", story=XSS)
    html = renderer.render(OFFICIALS["us_senate"], sender, "html", date=LETTER_DATE)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@given(name=st.text(min_size=1).filter(str.strip))
def test_any_sender_name_is_escaped_in_html(renderer: LetterRenderer, name: str) -> None:
    sender = Sender(name=name, address="1 Main St\nTown, CA 90000")
    html = renderer.render(OFFICIALS["us_senate"], sender, "html", date=LETTER_DATE)
    block = html.split('<address class="sender">\n', 1)[1].split("</address>", 1)[0]
    assert block.split("<br>\n")[0] == str(escape(name))


def test_sender_markup_is_escaped_in_markdown(renderer: LetterRenderer) -> None:
    sender = Sender(name=XSS, address="1 Main St\nTown, CA 90000", story=XSS)
    md = renderer.render(OFFICIALS["us_senate"], sender, "md", date=LETTER_DATE)
    assert "<script>" not in md
    assert r"\<script\>alert(1)\</script\>" in md


def test_vacant_seat_gets_no_letter_but_a_note(renderer: LetterRenderer) -> None:
    letters = compose_letters(
        renderer, [VACANT, OFFICIALS["us_senate"]], SENDER, "txt", date=LETTER_DATE
    )
    assert [letter.official for letter in letters.letters] == [OFFICIALS["us_senate"]]
    assert letters.notes == ["CA-20 is vacant: no current Representative; no letter written"]
    with pytest.raises(UsageError, match="is vacant"):
        renderer.render(VACANT, SENDER, "txt", date=LETTER_DATE)


def test_letter_filename_example() -> None:
    pelosi = Official(
        "Nancy Pelosi", "us-house", "Representative", "CA", District("CA", "cd", "12")
    )
    assert letter_filename(LETTER_DATE, pelosi, "txt") == "2026-11-26_us-house_CA-12_pelosi.txt"
    assert letter_filename(LETTER_DATE, OFFICIALS["us_senate"], "pdf") == (
        "2026-11-26_us-senate_CA_padilla.pdf"
    )
    assert letter_filename(LETTER_DATE, OFFICIALS["other_city"], "md") == (
        "2026-11-26_other_San-Francisco-Board-of-Supervisors_office.md"
    )


@given(name=st.text(), organisation=st.text(), ext=st.text(max_size=8))
def test_letter_filename_is_always_one_safe_name(name: str, organisation: str, ext: str) -> None:
    official = Official(name, "other", "", "", organisation=organisation)
    filename = letter_filename(LETTER_DATE, official, ext)
    assert "/" not in filename and "\\" not in filename and "\x00" not in filename
    assert not filename.startswith(".")
    assert ".." not in filename.split(".", 1)[0]
    assert Path("/out", filename).parent == Path("/out")


def test_traversal_name_writes_inside_out_only(renderer: LetterRenderer, tmp_path: Path) -> None:
    official = Official("../../etc/x", "state-upper", "Senator", "CA", District("CA", "sldu", "2"))
    out = tmp_path / "deep" / "out"
    letters = compose_letters(renderer, [official], SENDER, "txt", date=LETTER_DATE)
    paths = save_letters(renderer, letters, out)
    assert [p.parent for p in paths] == [out.resolve()]
    assert paths[0].name == "2026-11-26_state-upper_CA-SD-2_etc-x.txt"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [paths[0].name]


def test_save_refuses_to_overwrite_then_force_replaces(
    renderer: LetterRenderer, tmp_path: Path
) -> None:
    letters = compose_letters(renderer, [OFFICIALS["us_senate"]], SENDER, "txt", date=LETTER_DATE)
    existing = tmp_path / letters.letters[0].name
    existing.write_text("my own notes", encoding="utf-8")
    with pytest.raises(UsageError, match="already exists; allow replacing it or choose "):
        save_letters(renderer, letters, tmp_path)
    assert existing.read_text(encoding="utf-8") == "my own notes"
    save_letters(renderer, letters, tmp_path, force=True)
    assert existing.read_text(encoding="utf-8").startswith("Ada Lopez\n")
    assert not list(tmp_path.glob(".*.tmp"))


def test_colliding_file_names_get_a_counter(renderer: LetterRenderer, tmp_path: Path) -> None:
    twin = Official("Alex Padilla", "us-senate", "Senator", "CA")
    letters = compose_letters(
        renderer, [OFFICIALS["us_senate"], twin], SENDER, "txt", date=LETTER_DATE
    )
    paths = save_letters(renderer, letters, tmp_path)
    assert [p.name for p in paths] == [
        "2026-11-26_us-senate_CA_padilla.txt",
        "2026-11-26_us-senate_CA_padilla-2.txt",
    ]


# ----------------------------------------------------------------------------- e-mail


def _parsed(renderer: LetterRenderer, official: Official, sender: Sender = SENDER) -> EmailMessage:
    message = renderer.render_email(official, sender, date=LETTER_DATE)
    return email.message_from_bytes(message.as_bytes(), policy=policy.default)


def test_email_headers_and_body(renderer: LetterRenderer) -> None:
    parsed = _parsed(renderer, OFFICIALS["state_lower_assembly"])
    assert parsed["From"] == "Ada Lopez <ada@example.org>"
    assert parsed["To"] == "Buffy Wicks <assemblymember.wicks@assembly.ca.gov>"
    assert parsed["Subject"] == "Stop police use of facial recognition"
    assert parsed["Date"] == "Thu, 26 Nov 2026 12:00:00 +0000"
    assert re.fullmatch(r"<[^@>]+@example\.org>", parsed["Message-ID"])
    body = parsed.get_content().replace("\r\n", "\n")
    assert body == renderer.render(
        OFFICIALS["state_lower_assembly"], SENDER, "txt", date=LETTER_DATE
    )


def test_email_without_office_address_is_no_file_but_a_note(renderer: LetterRenderer) -> None:
    senator = Official(
        **{**OFFICIALS["us_senate"].__dict__, "email": "https://padilla.senate.gov/contact"}
    )
    assert office_email(senator) is None
    assert "To" not in _parsed(renderer, senator)
    letters = compose_letters(renderer, [senator], SENDER, "eml", date=LETTER_DATE)
    assert letters.letters == []
    assert letters.notes == [
        "no e-mail address for Alex Padilla in the data, so no .eml is written: "
        "use the contact form at https://www.padilla.senate.gov/contact/",
        "no letters: no office found can take eml; try another --format",
    ]


def test_message_id_is_stable_per_letter_and_office(renderer: LetterRenderer) -> None:
    wicks = OFFICIALS["state_lower_assembly"]
    first = _parsed(renderer, wicks)["Message-ID"]
    assert first == _parsed(renderer, wicks)["Message-ID"]  # a re-run: the same letter
    other = Sender(**{**SENDER.__dict__, "story": "I was misidentified."})
    assert _parsed(renderer, wicks, other)["Message-ID"] != first  # another letter
    keyed = renderer.render_email(wicks, SENDER, date=LETTER_DATE, message_key="row1office")
    assert keyed["Message-ID"] == message_id("row1office", "ada@example.org")
    digest = hashlib.sha256(b"row1office").hexdigest()[:32]
    assert message_id("row1office", "ada@example.org") == f"<{digest}@example.org>"
    assert message_id("row1office", "nodomain@").endswith(f"{digest}@civickit.invalid>")


def test_unique_names_count_up() -> None:
    taken: set[str] = set()
    names = [unique_name(name, taken) for name in ["a.txt", "a.txt", "a.txt", "b", "b"]]
    assert names == ["a.txt", "a-2.txt", "a-3.txt", "b", "b-2"]
    assert taken == set(names)


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "Name\nBcc: x@y"), ("email", "a@b.org\r\nBcc: x@y"), ("name", "A\u2028B")],
)
def test_email_refuses_newlines_in_headers(
    renderer: LetterRenderer, field: str, value: str
) -> None:
    sender = Sender(**{**SENDER.__dict__, field: value})
    with pytest.raises(UsageError, match="contains a line break; give it on one line"):
        renderer.render_email(OFFICIALS["state_upper"], sender, date=LETTER_DATE)


@given(st.tuples(st.text(), st.sampled_from(["\n", "\r", "\r\n"]), st.text()).map("".join))
def test_any_sender_name_with_a_line_break_is_refused(name: str) -> None:
    renderer = LetterRenderer(load_campaign())
    sender = Sender(name=name, address="1 Main St\nTown, CA 90000", email="a@example.org")
    with pytest.raises(UsageError):
        renderer.render_email(OFFICIALS["state_upper"], sender, date=LETTER_DATE)


def test_email_needs_the_senders_address(renderer: LetterRenderer) -> None:
    sender = Sender(name="Ada", address="1 Main St")
    with pytest.raises(UsageError, match=r"add --email you@example\.org"):
        renderer.render_email(OFFICIALS["state_upper"], sender, date=LETTER_DATE)


# ----------------------------------------------------------------------------- streams


def test_several_html_letters_make_one_document(renderer: LetterRenderer) -> None:
    officials = [OFFICIALS["us_senate"], OFFICIALS["us_house"]]
    letters = compose_letters(renderer, officials, SENDER, "html", date=LETTER_DATE)
    html = stream_bytes(renderer, letters).decode()
    assert html.count("<html") == 1 and html.count("</body>") == 1
    assert html.count('<article class="letter">') == 2
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == 4  # each letter links to its own two sources
    assert combine_html(["<p>a</p>", "<p>b</p>"]) == "<p>a</p>\n<p>b</p>"


def test_text_letters_on_one_stream_are_split_by_form_feeds(renderer: LetterRenderer) -> None:
    officials = [OFFICIALS["us_senate"], OFFICIALS["us_house"]]
    letters = compose_letters(renderer, officials, SENDER, "txt", date=LETTER_DATE)
    assert stream_bytes(renderer, letters).decode().count("\f\n") == 1


def test_unknown_format_is_refused(renderer: LetterRenderer) -> None:
    with pytest.raises(UsageError, match="format 'docx': use one of txt, md, html, pdf, eml"):
        compose_letters(renderer, [OFFICIALS["us_senate"]], SENDER, "docx", date=LETTER_DATE)


# ----------------------------------------------------------------------------- sender input


@pytest.mark.parametrize(
    ("typed", "lines"),
    [
        ("1 Main St, San Francisco, CA 94103", ["1 Main St", "San Francisco, CA 94103"]),
        ("1 Main St, Apt 2, Eureka, ca 95501-1234", ["1 Main St, Apt 2", "Eureka, CA 95501-1234"]),
        ("Eureka, CA 95501", ["Eureka, CA 95501"]),
        ("PO Box 7, Town", ["PO Box 7, Town"]),
    ],
)
def test_one_line_us_address_is_split_at_the_city(typed: str, lines: list[str]) -> None:
    assert parse_address(typed).splitlines() == lines
    assert Sender("A", parse_address(typed)).city_zip == lines[-1]


def test_parse_address_and_city_zip() -> None:
    assert (
        parse_address("1 Main St; San Francisco, CA 94103") == "1 Main St\nSan Francisco, CA 94103"
    )
    assert parse_address(r"1 Main St\nApt 2\nEureka, CA 95501").splitlines()[1] == "Apt 2"
    assert Sender("A", "1 Main St\nEureka, CA 95501").city_zip == "Eureka, CA 95501"
    assert Sender("A", "1 Main St, Eureka, CA 95501").city_zip == "Eureka, CA 95501"
    with pytest.raises(UsageError, match="--from-address is empty"):
        parse_address(" ; ")


# ----------------------------------------------------------------------------- templates


def test_template_dir_overrides_built_in_and_template_picks_by_name(
    campaign: Campaign, tmp_path: Path
) -> None:
    (tmp_path / "letter_us_senate.txt").write_text(
        '{% extends "letter_base.txt" %}{% block closing %}Custom close.{% endblock %}',
        encoding="utf-8",
    )
    (tmp_path / "short.txt").write_text("{{ salutation }}: {{ ask.short }}\n", encoding="utf-8")
    override = LetterRenderer(campaign, template_dir=tmp_path)
    assert "Custom close." in override.render(
        OFFICIALS["us_senate"], SENDER, "txt", date=LETTER_DATE
    )
    picked = LetterRenderer(campaign, template_dir=tmp_path, template="short")
    assert picked.render(OFFICIALS["state_upper"], SENDER, "txt", date=LETTER_DATE) == (
        "Dear Senator McGuire: stop law enforcement use of face recognition in our state "
        "and reject bills that would expand it\n"
    )


def test_campaign_templates_override_built_in(campaign: Campaign, tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "letter_us_house.md").write_text(
        "campaign {{ title }}\n", encoding="utf-8"
    )
    own = Campaign(**{**campaign.__dict__, "path": tmp_path})
    renderer = LetterRenderer(own)
    assert renderer.render(OFFICIALS["us_house"], SENDER, "md", date=LETTER_DATE) == (
        "campaign Representative\n"
    )
