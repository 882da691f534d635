"""The fact-sheet library: what is chosen, how it is numbered and dated, and how it renders."""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from pathlib import Path

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from civickit.campaign import Campaign, load_campaign
from civickit.errors import UsageError
from civickit.materials import pagefit
from civickit.materials.factsheet import (
    MAX_FACTS,
    FactSheet,
    build_factsheet,
    html_renderer,
    render_factsheet,
)
from civickit.materials.pdf import PdfUnavailableError
from civickit.materials.qr import make_qr
from factsheet_helpers import (
    GENERATED,
    MINI_CAMPAIGN,
    html_citations,
    html_source_numbers,
    layout_name,
    pdf_pages,
)


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign()


@pytest.fixture(scope="module")
def sheet(campaign: Campaign) -> FactSheet:
    return build_factsheet(campaign, generated=GENERATED)


@pytest.fixture(scope="module")
def default_html(sheet: FactSheet) -> str:
    result = render_factsheet(sheet, "html")
    assert isinstance(result, str)
    return result


@pytest.fixture(scope="module")
def default_md(sheet: FactSheet) -> str:
    result = render_factsheet(sheet, "md")
    assert isinstance(result, str)
    return result


# --------------------------------------------------------------------------- selection


def test_key_facts_are_those_tagged_key_and_not_on_the_timeline(sheet: FactSheet) -> None:
    # Seven facts are tagged key; four of them are on the timeline beside them, printed once.
    assert [item.fact.id for item in sheet.facts] == [
        "bias-research",
        "microsoft-ten-million-faces",
        "city-bans",
    ]
    assert sheet.left_out == ()


@pytest.mark.parametrize("tags", [(), ("california",), ("timeline",), ("companies",), ("key",)])
def test_no_fact_is_both_a_key_fact_and_on_the_timeline(
    campaign: Campaign, tags: tuple[str, ...]
) -> None:
    sheet = build_factsheet(campaign, tags=tags, generated=GENERATED)
    facts = {item.fact.id for item in sheet.facts}
    assert facts
    assert facts.isdisjoint(entry.fact.id for entry in sheet.timeline)
    chosen = {fact.id for fact in campaign.facts_tagged(tags or ("key",))}
    on_page = facts | {entry.fact.id for entry in sheet.timeline} | set(sheet.left_out)
    assert chosen <= on_page  # nothing chosen is lost, only printed once


def test_timeline_is_june_2020_in_date_order_at_source_precision(sheet: FactSheet) -> None:
    assert sheet.timeline_title == "June 2020 timeline"
    assert [(entry.fact.id, entry.label) for entry in sheet.timeline] == [
        ("ab-2261-failed", "The week of June 1, 2020"),
        ("ibm-exit", "The week of June 8, 2020"),
        ("amazon-pause", "June 10, 2020"),
        ("microsoft-no-police-sales", "June 11, 2020"),
    ]
    assert sheet.timeline[0].date.iso() == "2020-W23"


def test_pull_quote_is_the_aclu_statement_verbatim_with_full_attribution(
    campaign: Campaign, sheet: FactSheet
) -> None:
    assert sheet.quote is not None
    assert sheet.quote.quote.id == "aclu-statement-1"
    assert sheet.quote.quote.text == campaign.quote("aclu-statement-1").text
    assert sheet.quote.attribution == (
        "Matt Cagle, Technology and civil liberties attorney, ACLU of Northern California, "
        "June 11, 2020"
    )


def test_citations_are_numbered_by_first_use_one_number_per_source(sheet: FactSheet) -> None:
    numbers = sheet.citation_numbers
    first_uses = list(dict.fromkeys(numbers))
    assert first_uses == list(range(1, len(first_uses) + 1))
    assert [entry.number for entry in sheet.sources] == first_uses
    assert [entry.source.id for entry in sheet.sources] == [
        "aclu-nc-2020-06-11",  # the pull quote comes first on the page
        "verge-2020-06-11",
        "washington-post-smith-2020-06-11",
    ]
    for item in sheet.facts:
        assert sheet.sources[item.citation - 1].source is item.fact.source


def test_tag_subset_replaces_the_key_facts(campaign: Campaign) -> None:
    sheet = build_factsheet(campaign, tags=["california"], generated=GENERATED)
    assert [item.fact.id for item in sheet.facts] == [
        "microsoft-california-denial",
        "microsoft-backed-ab-2261",
        "city-bans",
    ]  # and ab-2261-failed, which the timeline prints
    assert len(sheet.timeline) == 4  # the timeline does not follow --tag


def test_cap_keeps_key_facts_first_and_reports_the_rest(campaign: Campaign) -> None:
    tagged = campaign.facts_tagged(["companies"])
    assert len(tagged) > MAX_FACTS
    sheet = build_factsheet(campaign, tags=["companies"], generated=GENERATED)
    kept = [item.fact for item in sheet.facts]
    assert len(kept) == MAX_FACTS
    on_timeline = {entry.fact.id for entry in sheet.timeline}
    key_ids = [fact.id for fact in tagged if "key" in fact.tags and fact.id not in on_timeline]
    assert set(key_ids) <= {fact.id for fact in kept}
    tagged = [fact for fact in tagged if fact.id not in on_timeline]
    assert [fact.id for fact in kept] == [fact.id for fact in tagged if fact in kept]
    assert len(sheet.left_out) == len(tagged) - MAX_FACTS
    assert set(sheet.left_out).isdisjoint(fact.id for fact in kept)


def test_unknown_tag_is_a_usage_error(campaign: Campaign) -> None:
    with pytest.raises(UsageError, match=r"^unknown tag 'nope': use one of amazon, bias"):
        build_factsheet(campaign, tags=["nope"], generated=GENERATED)


def test_action_url_defaults_to_the_campaign_and_empty_means_none(campaign: Campaign) -> None:
    assert build_factsheet(campaign, generated=GENERATED).action_url == campaign.action_url
    assert build_factsheet(campaign, action_url="", generated=GENERATED).action_url is None
    given_url = build_factsheet(campaign, action_url=" https://a.example/x ", generated=GENERATED)
    assert given_url.action_url == "https://a.example/x"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "--action-url 'javascript:alert(1)': give an http(s) URL"),
        ("https://a.example/x y", "--action-url 'https://a.example/x y': give an http(s) URL"),
        ("https://a.example/" + "x" * 2000, "--action-url is 2018 characters long"),
    ],
)
def test_bad_action_urls_are_refused(campaign: Campaign, url: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        build_factsheet(campaign, action_url=url, generated=GENERATED)
    assert str(caught.value).startswith(message)


def test_org_is_tidied_and_limited(campaign: Campaign) -> None:
    tidy = build_factsheet(campaign, org="  Bay Area\n Privacy\x00\x1b  ", generated=GENERATED)
    assert tidy.org == "Bay Area Privacy"
    with pytest.raises(UsageError, match=r"^--org is 1001 characters long; give at most 1000"):
        build_factsheet(campaign, org="x" * 1001, generated=GENERATED)


def test_bad_paper_is_refused(campaign: Campaign) -> None:
    with pytest.raises(UsageError, match=r"^--paper 'legal': use one of letter, a4$"):
        build_factsheet(campaign, paper="legal", generated=GENERATED)


def test_json_form_lists_what_is_printed(sheet: FactSheet) -> None:
    data = sheet.to_dict()
    assert data["generated"] == "2026-11-26"
    assert [fact["citation"] for fact in data["facts"]] == [item.citation for item in sheet.facts]
    assert data["timeline"][0]["precision"] == "week"
    assert data["sources"][0]["number"] == 1
    assert data["quote"]["id"] == "aclu-statement-1"


# --------------------------------------------------------------------------- a second campaign


def test_mini_campaign_timeline_spanning_months_and_sources_with_links() -> None:
    mini = load_campaign(MINI_CAMPAIGN)
    sheet = build_factsheet(mini, tags=["local"], generated=GENERATED)
    assert [item.fact.id for item in sheet.facts] == ["third"]  # "second" is on the timeline
    assert sheet.timeline_title == "Timeline"
    assert [entry.sentence for entry in sheet.timeline] == [
        "Placeholder fact one happened.",  # no headline: the whole fact
        "Placeholder vote.",
    ]
    md = str(render_factsheet(sheet, "md"))
    assert "[^2]: Example Gazette, “Placeholder report \\<one\\>”, A. Writer, May 2021, " in md
    assert "<https://example.org/report?id=1&x=2>." in md
    assert "via Example Gazette" in md
    assert "- **Ask Congress to** do the national placeholder thing.\n" in md


# --------------------------------------------------------------------------- rendered text


def test_every_citation_resolves_to_a_listed_source(default_html: str, default_md: str) -> None:
    cited = set(html_citations(default_html))
    listed = html_source_numbers(default_html)
    assert cited == set(listed) == {1, 2, 3}
    md_cited = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", default_md)}
    md_listed = [int(n) for n in re.findall(r"^\[\^(\d+)\]:", default_md, flags=re.M)]
    assert md_cited == set(md_listed) == {1, 2, 3}


def test_dates_never_gain_precision_or_go_relative(default_html: str, default_md: str) -> None:
    for text in (default_html, default_md):
        plain = re.sub(r"<[^>]+>", "", text)
        # AB 2261 is known to the week: June 1 only ever appears as "week of June 1".
        for match in re.finditer(r"(June|Jun) 1, 2020", plain):
            assert plain[max(0, match.start() - 8) : match.start()].lower().endswith("week of ")
        for relative in ("this week", "last week", "yesterday", " ago", "today"):
            assert relative not in plain.lower()
        assert "November 26, 2026" in plain


def test_html_is_self_contained(default_html: str) -> None:
    assert "<link" not in default_html
    assert "<script" not in default_html
    assert " src=" not in default_html
    assert "url(" not in default_html
    assert "@import" not in default_html
    external = set(re.findall(r'href="(https?://[^"]+)"', default_html))
    assert external == {"https://www.congress.gov/members/find-your-member"}


def test_html_has_print_rules_for_the_chosen_paper(campaign: Campaign) -> None:
    a4 = build_factsheet(campaign, paper="a4", generated=GENERATED)
    html = render_factsheet(a4, "html")
    assert isinstance(html, str)
    assert re.search(r"@page \{ size: A4; margin: [^}]+\}", html)
    assert "print-color-adjust: exact" in html


def test_qr_code_encodes_the_action_url_with_alt_text(default_html: str) -> None:
    url = "https://www.congress.gov/members/find-your-member"
    svg = re.search(r"<svg [^>]*>.*?</svg>", default_html, flags=re.S)
    assert svg is not None
    assert f'role="img" aria-label="QR code linking to {url}"' in svg.group(0)
    assert f"<title>QR code linking to {url}</title>" in svg.group(0)
    expected = segno.make(url, error="m", micro=False)
    dark = re.search(r' d="([^"]+)"', expected.svg_inline(scale=1, border=3, lineclass=None))
    assert dark is not None
    assert dark.group(1) in re.findall(r' d="([^"]+)"', svg.group(0))


def test_qr_code_grows_with_the_url_so_modules_stay_scannable() -> None:
    short = make_qr("https://a.example/x")
    long_url = "https://a.example/" + "x" * 580
    long = make_qr(long_url)
    assert short.size_in == 0.85
    modules, _ = segno.make(long_url, error="m", micro=False).symbol_size(border=3)
    assert long.size_in >= round(modules * 0.35 / 25.4, 2) > 0.85


def test_no_qr_code_without_an_action_url(campaign: Campaign) -> None:
    sheet = build_factsheet(campaign, action_url="", generated=GENERATED)
    html = render_factsheet(sheet, "html")
    md = render_factsheet(sheet, "md")
    assert "<svg" not in str(html)
    assert "Take action now" not in str(md)


def test_user_text_is_escaped_in_html_and_markdown(campaign: Campaign) -> None:
    org = '<script>alert("x")</script> *Bold* [link](javascript:x)'
    sheet = build_factsheet(
        campaign, org=org, action_url="https://a.example/?a=<b>&c=d", generated=GENERATED
    )
    html = str(render_factsheet(sheet, "html"))
    md = str(render_factsheet(sheet, "md"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'href="https://a.example/?a=&lt;b&gt;&amp;c=d"' in html
    assert r"\<script\>alert(\"x\")" not in md  # quotes are not Markdown specials
    assert r"*Fact sheet from \<script\>alert(" in md
    assert r"\*Bold\* \[link\](javascript:x)" in md
    assert "<https://a.example/?a=%3Cb%3E&c=d>" in md


@settings(max_examples=60, deadline=None)
@given(org=st.text(min_size=1, max_size=200))
def test_any_org_name_renders_escaped_markdown(org: str) -> None:
    sheet = build_factsheet(load_campaign(), org=org, generated=GENERATED)
    md = str(render_factsheet(sheet, "md"))
    if sheet.org is None:
        assert "Fact sheet from" not in md
        return
    assert sheet.org.isprintable()
    line = next(line for line in md.splitlines() if line.startswith("*Fact sheet from "))
    assert re.search(r"(?<!\\)[<>\[\]`]", line.removeprefix("*Fact sheet from ")) is None


@settings(max_examples=80, deadline=None)
@given(url=st.text(max_size=80))
def test_action_url_check_accepts_only_http_urls_without_spaces(url: str) -> None:
    campaign = load_campaign(MINI_CAMPAIGN)
    try:
        sheet = build_factsheet(campaign, action_url=url, generated=GENERATED)
    except UsageError as exc:
        assert str(exc).startswith("--action-url ")
        return
    if not url.strip():
        assert sheet.action_url is None
    else:
        assert sheet.action_url is not None
        assert sheet.action_url.startswith(("http://", "https://"))
        assert all(ch.isprintable() and not ch.isspace() for ch in sheet.action_url)


# --------------------------------------------------------------------------- templates


def test_template_dir_overrides_the_built_in_template(sheet: FactSheet, tmp_path: Path) -> None:
    (tmp_path / "factsheet.md").write_text(
        "{{ sheet.title }}: {{ sheet.facts|length }} facts, {{ sheet.sources|length }} sources\n",
        encoding="utf-8",
    )
    result = render_factsheet(sheet, "md", template_dir=tmp_path)
    assert result == "Stop police use of facial recognition: 3 facts, 3 sources\n"


def test_missing_template_dir_is_a_usage_error(sheet: FactSheet, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"--template-dir .*nowhere: no such folder"):
        render_factsheet(sheet, "md", template_dir=tmp_path / "nowhere")


def test_unknown_format_is_a_usage_error(sheet: FactSheet) -> None:
    with pytest.raises(UsageError, match=r"^--format 'docx': use one of html, pdf, md$"):
        render_factsheet(sheet, "docx")


# --------------------------------------------------------------------------- one page


def test_fitting_picks_the_roomiest_layout_that_fits(sheet: FactSheet) -> None:
    html_for = html_renderer(sheet)
    fitted = pagefit.fit_one_page(html_for)
    index = pagefit.LAYOUTS.index(fitted.layout)
    assert pagefit.page_count(html_for(fitted.layout, pagefit.FIT_RESERVE_IN)) == 1
    if index > 0:
        roomier = pagefit.LAYOUTS[index - 1]
        assert pagefit.page_count(html_for(roomier, pagefit.FIT_RESERVE_IN)) > 1
    assert layout_name(fitted.html) == fitted.layout.name


def test_a_sheet_too_long_for_any_layout_is_refused() -> None:
    def html_for(layout: pagefit.Layout, reserve_in: float) -> str:
        paragraphs = "<p>words</p>" * 400
        return f"<html><body style='font-size:{layout.font_pt}pt'>{paragraphs}</body></html>"

    with pytest.raises(UsageError, match=r"^the sheet does not fit on one page even at the small"):
        pagefit.fit_one_page(html_for)


def test_pdf_is_one_page_with_the_sheet_text(sheet: FactSheet) -> None:
    pdf = render_factsheet(sheet, "pdf")
    assert isinstance(pdf, bytes)
    assert pdf_pages(pdf) == 1
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Stop police use of facial recognition" in text
    assert "The week of June 1, 2020" in text
    assert "Generated on November 26, 2026" in text


def test_weasyprint_fetches_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("body { font-size: 80pt }", encoding="utf-8")
    html = f'<html><head><link rel="stylesheet" href="file://{secret}"></head><body>x</body></html>'
    many = "<p>line</p>" * 10  # one page at the default size, several at 80 pt
    assert pagefit.page_count(html.replace("x</body>", many + "</body>")) == 1


# --------------------------------------------------------------------------- missing WeasyPrint


def _hide_weasyprint(monkeypatch: pytest.MonkeyPatch, error: BaseException | None) -> None:
    for name in list(sys.modules):
        if name == "weasyprint" or name.startswith("weasyprint."):
            monkeypatch.delitem(sys.modules, name)
    if error is None:
        monkeypatch.setitem(sys.modules, "weasyprint", None)  # import raises ImportError
        return
    failure: BaseException = error

    class Broken:
        def find_spec(self, name: str, path: object = None, target: object = None) -> None:
            if name == "weasyprint":
                raise failure
            return

    monkeypatch.setattr(sys, "meta_path", [Broken(), *sys.meta_path])


def test_missing_pango_names_the_system_library(
    sheet: FactSheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hide_weasyprint(monkeypatch, OSError("cannot load library 'libpango-1.0-0'"))
    with pytest.raises(PdfUnavailableError) as caught:
        render_factsheet(sheet, "pdf")
    assert str(caught.value).startswith("PDF output needs the Pango system library")


def test_missing_weasyprint_still_gives_html(
    sheet: FactSheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hide_weasyprint(monkeypatch, None)
    with pytest.raises(PdfUnavailableError, match=r"^PDF output needs WeasyPrint"):
        render_factsheet(sheet, "pdf")
    html = render_factsheet(sheet, "html")
    assert layout_name(str(html)) == pagefit.FALLBACK_LAYOUT.name


def test_generated_date_is_the_one_given(campaign: Campaign) -> None:
    sheet = build_factsheet(campaign, generated=dt.date(2027, 1, 5))
    assert "Generated on January 5, 2027" in str(render_factsheet(sheet, "md"))


@settings(max_examples=300, deadline=None)
@given(
    count=st.integers(min_value=0, max_value=40),
    threshold=st.integers(min_value=0, max_value=41),
    start=st.integers(min_value=-3, max_value=45),
)
def test_first_fit_finds_the_roomiest_fitting_layout(
    count: int, threshold: int, start: int
) -> None:
    calls: list[int] = []

    def fits(index: int) -> bool:
        assert 0 <= index < count
        calls.append(index)
        return index >= threshold

    found = pagefit.first_fit(fits, count, start)
    assert found == (threshold if threshold < count else None)
    assert len(calls) <= 2 * max(count, 1).bit_length() + 2


def test_pull_quote_is_verbatim_in_the_source_article(sheet: FactSheet, seed_article: str) -> None:
    assert sheet.quote is not None
    assert sheet.quote.quote.text in seed_article
    md = str(render_factsheet(sheet, "md"))
    assert f"> {sheet.quote.quote.text}[^1]" in md
