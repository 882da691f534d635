"""``civickit page``: the action page's files, data, safety and command line (the browser's view
of it is in tests/browser/)."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civickit.campaign import load_campaign
from civickit.lookup.adapters.zcta import DATASET, build_index
from civickit.lookup.facade import Lookup
from civickit.materials.page import json_block, tel
from civickit.outreach.page_data import LETTER_VARIANTS, build_page, build_page_data
from lookup_support import FIXTURE_MIRROR
from support.cli import RunCli
from support.golden import Golden

DATE = dt.date(2026, 11, 26)
BUILTIN = Path(load_campaign().path) / "campaign.toml"
HOSTILE = '</script><script>alert(1)</script><img src=x onerror="alert(2)">'
DATA_BLOCK = re.compile(r'<script type="application/json" id="civickit-data">(.*?)</script>', re.S)


def page_data(html: str) -> dict[str, Any]:
    found = DATA_BLOCK.search(html)
    assert found is not None
    data: dict[str, Any] = json.loads(found[1])
    return data


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of inline scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        is_data = dict(attrs).get("type") == "application/json"
        self._open = tag if tag in self.inline and not is_data else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.inline[self._open].append(data)

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def parsed(html: str) -> _Tags:
    tags = _Tags()
    tags.feed(html)
    return tags


def without_inline_code(html: str) -> str:
    """``html`` with its inline style and script as their file names (their hashes are pinned
    by the CSP test), so the golden pages show what the page says, not its code."""
    html = re.sub(r"<style>.*?</style>", "<style>(page.css)</style>", html, flags=re.S)
    return re.sub(r"<script>.*?</script>", "<script>(page.js)</script>", html, flags=re.S)


def digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@pytest.fixture
def site(lookup_data: Path, tmp_path: Path, run_cli: RunCli) -> Path:
    out = tmp_path / "site"
    run_cli(["page", "--out", str(out), "--date", "2026-11-26"], expect=0)
    return out


def test_the_csp_allows_only_the_pages_own_inline_code(site: Path) -> None:
    for name in ("index.html", "districts.html"):
        html = (site / name).read_text(encoding="utf-8")
        tags = parsed(html)
        policy = next(a["content"] for t, a in tags.tags if a.get("http-equiv"))
        assert policy is not None
        rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))
        assert rules["default-src"] == "'none'"
        assert rules["form-action"] == "'none'"
        assert rules["style-src"] == f"'{digest(tags.inline['style'][0])}'"
        scripts = tags.inline["script"]
        assert rules.get("script-src") == (f"'{digest(scripts[0])}'" if scripts else None)
        for tag, attributes in tags.tags:  # nothing loaded from anywhere
            assert tag not in {"link", "img", "iframe", "object", "embed"}, tag
            assert "src" not in attributes and "style" not in attributes, (tag, attributes)
            assert not any(key.startswith("on") for key in attributes), (tag, attributes)


def test_without_javascript_the_page_has_the_facts_and_the_district_list(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    campaign = load_campaign()
    assert f"<h1>{campaign.title}</h1>" in html
    assert "<noscript>" in html
    assert '<a href="districts.html">every district and its officials</a>' in html
    assert html.count('<li id="source-') >= 1
    assert "IBM said it would cease all sales" in html  # a key fact, in the page itself
    districts = (site / "districts.html").read_text(encoding="utf-8")
    assert "CA-12: California&#39;s congressional district 12" in districts
    assert "CA-14</span>" not in districts
    assert '<span class="vacant">CA-14 is vacant: no current Representative</span>' in districts
    assert 'href="tel:+12022243553"' in districts


def test_letters_vary_per_visitor_as_batch_letters_do(site: Path) -> None:
    data = page_data((site / "index.html").read_text(encoding="utf-8"))
    officials = [o for o in data["officials"] if not o["vacant"]]
    assert officials
    assert all(1 <= len(o["letters"]) <= LETTER_VARIANTS for o in officials)
    assert sum(len(o["letters"]) > 1 for o in officials) > len(officials) // 2
    for official in officials:
        for letter in official["letters"]:
            assert letter.startswith("[[NAME]]\n[[STREET]]\n[[CITY_LINE]]\n")
            assert "[[STORY]]" in letter
            assert "December 1, 2026" not in letter and "November 26, 2026" in letter
        for script in official["scripts"]:
            assert script.startswith("Hello, my name is [[NAME]] and I live in [[CITY_LINE]].")


def test_zips_are_as_lookup_answers_them(lookup_data: Path, site: Path) -> None:
    data = page_data((site / "index.html").read_text(encoding="utf-8"))
    lookup = Lookup(offline=True)
    index = lookup.datastore.load_index("zcta-cd", [DATASET], build_index)
    assert set(data["zips"]) == set(index)
    for code, rows in data["zips"].items():
        result = lookup.resolve(zip_code=code)
        labels = [data["districts"][i]["label"] for i, _ in rows]
        assert labels == [d.label for d in result.districts], code
        assert [s for _, s in rows] == [round(s * 1000) for _, s in index[code]], code
    split = [[data["districts"][i]["label"], s] for i, s in data["zips"]["10011"]]
    assert split == [["NY-12", 640], ["NY-10", 360]]


def test_state_legislators_come_by_state_district(site: Path) -> None:
    data = page_data((site / "index.html").read_text(encoding="utf-8"))
    assert data["state_data"] == ["CA"]
    by_label = {d["label"]: d for d in data["districts"]}
    senate = [data["officials"][i] for i in by_label["CA-SD-2"]["officials"]]
    assert [o["office"] for o in senate] == ["state-upper"]
    assert not senate[0]["vacant"]
    assert "California State Senate" in senate[0]["letters"][0]
    assert by_label["CA-SD-2"]["name"] == "California Senate district 2"
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "the ZIP table maps ZIP codes to congressional districts only" in html


def test_share_texts_are_counted_per_platform(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    counts = re.findall(r"<figcaption[^>]*>(.+?) \((\d+) of (\d+) ([\w ]+)\)</figcaption>", html)
    platforms = {name for name, *_ in counts}
    assert {"X", "Bluesky", "Mastodon"} <= platforms
    assert all(int(length) <= int(limit) for _, length, limit, _ in counts)


def test_hostile_campaign_text_is_escaped(lookup_data: Path, tmp_path: Path) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    text = text.replace(
        'title = "Stop police use of facial recognition"', f"title = '{HOSTILE}'", 1
    )
    text = text.replace('subject = "Stop', f"subject = '{HOSTILE}' #", 1)
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "campaign.toml").write_text(text, encoding="utf-8")
    campaign = load_campaign(folder)
    assert campaign.title == HOSTILE
    files = build_page(campaign, Lookup(offline=True), date=DATE, states=["WY"])
    for name, body in files.items():
        html = body.decode("utf-8")
        assert "<script>alert" not in html and "<img" not in html, name
        assert html.count("<script") == (2 if name == "index.html" else 0)
    data = page_data(files["index.html"].decode("utf-8"))
    assert data["campaign"]["title"] == HOSTILE
    letter = data["officials"][0]["letters"][0]
    assert f"Re: {HOSTILE}" in letter  # plain text in the data, put on the page as text


@given(st.text())
def test_the_data_block_never_closes_early(text: str) -> None:
    block = json_block({"text": text, "more": [text, "</SCRIPT><!--"]})
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block) == {"text": text, "more": [text, "</SCRIPT><!--"]}


@given(st.from_regex(r"\A[2-9]\d{2}[2-9]\d{6}\Z"), st.sampled_from(["{}-{}-{}", "({}) {}-{}"]))
def test_tel_links_dial_the_number(digits: str, layout: str) -> None:
    written = layout.format(digits[:3], digits[3:6], digits[6:])
    assert tel(written) == f"+1{digits}"
    assert tel(f"1-{written}") == f"+1{digits}"
    assert tel(f"+1 {written}") == f"+1{digits}"


def test_the_page_of_one_state_is_golden(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, golden: Golden
) -> None:
    out = tmp_path / "wy"
    run_cli(["page", "--out", str(out), "--state", "wy", "--date", "2026-11-26"], expect=0)
    for name in ("index.html", "districts.html"):
        golden.check(f"page/wy-{name}", without_inline_code((out / name).read_text("utf-8")))
    data = page_data((out / "index.html").read_text(encoding="utf-8"))
    assert list(data["zips"]) == ["82001"]
    assert [d["label"] for d in data["districts"]] == ["WY-AL"]


def test_the_fixture_page_is_small(site: Path) -> None:
    size = len(gzip.compress((site / "index.html").read_bytes()))
    assert size < 200_000, size


def test_an_existing_page_is_kept_without_force(site: Path, run_cli: RunCli) -> None:
    index = site / "index.html"
    index.write_text("mine", encoding="utf-8")
    result = run_cli(["page", "--out", str(site)], expect=2)
    assert result.stderr.count("\n") == 1
    assert "index.html already exists" in result.stderr and "--force" in result.stderr
    assert index.read_text(encoding="utf-8") == "mine"
    run_cli(["page", "--out", str(site), "--force"], expect=0)
    assert index.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--state", "ZZ"], "--state 'ZZ': not a US state or territory"),
        (["--date", "not a date"], "--date"),
    ],
)
def test_bad_options_are_one_line_usage_errors(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, args: list[str], words: str
) -> None:
    out = tmp_path / "site"
    result = run_cli(["page", "--out", str(out), *args], expect=2)
    assert words in result.stderr
    assert result.stderr.count("\n") == 1
    assert not out.exists()


def test_out_may_not_be_a_file(lookup_data: Path, tmp_path: Path, run_cli: RunCli) -> None:
    target = tmp_path / "file"
    target.write_text("keep", encoding="utf-8")
    result = run_cli(["page", "--out", str(target)], expect=2)
    assert "is a file" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep"


def test_without_data_the_page_says_to_sync(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(["page", "--out", str(tmp_path / "site")], expect=None)
    assert result.exit_code in {1, 2}
    assert "Traceback" not in result.output
    assert "sync" in result.stderr
    assert not (tmp_path / "site").exists()


def test_one_command_makes_the_page_from_a_mirror(tmp_path: Path, run_cli: RunCli) -> None:
    out = tmp_path / "site"
    mirror = {"CIVICKIT_DATA_MIRROR": str(FIXTURE_MIRROR)}
    result = run_cli(["page", "--out", str(out)], env=mirror, expect=0)
    assert "copying zcta-cd" in result.stderr
    assert f"Wrote {out / 'index.html'}" in result.stderr
    assert "10011" in page_data((out / "index.html").read_text(encoding="utf-8"))["zips"]


def test_build_page_data_reports_each_district(lookup_data: Path) -> None:
    seen: list[str] = []
    build_page_data(
        load_campaign(), Lookup(offline=True), date=DATE, states=["DC"], on_district=seen.append
    )
    assert seen == ["DC"]


def test_a_campaign_may_override_the_page_templates(lookup_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "templates").mkdir(parents=True)
    (folder / "campaign.toml").write_text(BUILTIN.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "templates" / "page_districts.html").write_text(
        "<p>Our list: {{ districts | length }} districts for {{ campaign.title }}</p>\n",
        encoding="utf-8",
    )
    files = build_page(load_campaign(folder), Lookup(offline=True), date=DATE, states=["NY"])
    expected = "<p>Our list: 26 districts for Stop police use of facial recognition</p>\n"
    assert files["districts.html"].decode("utf-8") == expected
    assert b"<!DOCTYPE html>" in files["index.html"]  # the built-in one


def test_a_campaign_with_spanish_carries_both_languages(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    data = page_data(html)
    assert data["languages"] == ["es"]
    assert data["ui_text"]["es"]["letter"] == "Su carta"
    assert 'data-language="es" aria-pressed="false">Español</button>' in html
    assert '<div class="version" lang="es" data-version="es" hidden>' in html  # no JS: English
    assert "El 10 de junio de 2020, Amazon anunció" in html
    share = html[html.index('<section id="share"') :]
    assert "Cómo actuar: https://www.congress.gov/members/find-your-member" in share  # es posts
    assert "#ReconocimientoFacial" in share and "Take action:" in share  # and the English ones
    for official in (o for o in data["officials"] if not o["vacant"]):
        assert len(official["es"]["letters"]) == len(official["letters"])
        # By the data's gender ("Estimado senador Padilla:"), else neutral ("Honorable …:").
        greeting = r"\n(Estimad[oa] \w+ [^\n:]+|Honorable [^\n:]+):\n"
        for letter in official["es"]["letters"]:
            assert "26 de noviembre de 2026" in letter
            assert re.search(greeting, letter), letter
        assert all(script.startswith("Hola") for script in official["es"]["scripts"])


def test_a_campaign_in_one_language_has_no_switch(lookup_data: Path, tmp_path: Path) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    folder = tmp_path / "english"
    folder.mkdir()
    (folder / "campaign.toml").write_text(text[: text.index("[translations.es]")], encoding="utf-8")
    files = build_page(load_campaign(folder), Lookup(offline=True), date=DATE, states=["WY"])
    html = files["index.html"].decode("utf-8")
    markup = without_inline_code(html)
    assert "data-language" not in markup and 'lang="es"' not in markup
    data = page_data(html)
    assert "languages" not in data and "ui_text" not in data
    assert all("es" not in official for official in data["officials"])
