"""The action page's files: ``index.html`` (facts, the ask, the search and share texts, with its
data, style and script inlined) and ``districts.html`` (every district and its officials, for
visitors without JavaScript), with ``districts.<code>.html`` for each other language.

Both are rendered in the sandbox with autoescaping; the data goes into a JSON block with ``<``,
``>`` and ``&`` escaped, so no campaign text can close the block, and the script puts every text
of it on the page with ``textContent``. A Content-Security-Policy allows only the page's own
inline style and script (by their SHA-256): no font, script, image, frame or request from
elsewhere, no form submission.

Every word the page shows is in its language (``page_words``: English in Python, another
language from the ``[page]`` table of its ``language.toml``). A campaign with translations gets
one version of its texts per language (``page_version``), a switch, the officials' and
districts' words in each language under its code (``localised``) and a district list per
language (``districts.es.html``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

from civickit.campaign import Campaign, Fact
from civickit.core.offices import OfficeKind
from civickit.errors import UsageError
from civickit.materials.filters import dated_fact, source_numbers
from civickit.materials.page_words import ENGLISH, PageWords, page_words
from civickit.materials.render import (
    make_environment,
    render_template,
    template_search_path,
)

PAGE_FILES = ("index.html", "districts.html")  # and districts.<code>.html per other language
#: The page's templates, style and script: apart from the letters' templates (a batch's
#: fingerprint covers those), searched after the campaign's own ``templates/`` folder.
PAGE_TEMPLATES_DIR = Path(__file__).resolve().parent / "page_templates"
#: Posts per platform the page offers to share.
POSTS_PER_PLATFORM = 2
_NOT_DIAL = re.compile(r"[^\d+]")
_US_DIGITS = 10

CENSUS_GEOCODER = "https://geocoding.geo.census.gov/geocoder/geographies/onelineaddress?form"


def district_file(language: str, *, first: bool) -> str:
    """The district list's file in ``language``: ``districts.html`` in the page's first
    language, ``districts.es.html`` in Spanish when that is another."""
    return PAGE_FILES[1] if first else f"districts.{language}.html"


def page_files(languages: Sequence[str]) -> list[str]:
    """The page's file names when it carries ``languages`` beside its first one."""
    return [*PAGE_FILES, *(district_file(code, first=False) for code in languages)]


def csp(script: str | None, style: str) -> str:
    """The page's Content-Security-Policy: nothing from elsewhere, only its own inline code."""
    parts = ["default-src 'none'"]
    if script is not None:
        parts.append(f"script-src '{_digest(script)}'")
    parts.append(f"style-src '{_digest(style)}'")
    return "; ".join([*parts, "base-uri 'none'", "form-action 'none'"])


def _digest(text: str) -> str:
    value = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"sha256-{value}"


def json_block(data: Mapping[str, Any]) -> str:
    """``data`` as JSON safe inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def tel(number: str) -> str:
    """``tel:`` form of a US phone number: ``(202) 555-0100`` is ``+12025550100``."""
    digits = _NOT_DIAL.sub("", number)
    if digits.startswith("+"):
        return digits
    if len(digits) == _US_DIGITS + 1 and digits.startswith("1"):
        return f"+{digits}"
    return f"+1{digits}" if len(digits) == _US_DIGITS else digits


def key_facts(campaign: Campaign) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The key facts as the page shows them (dated at their precision, each with its source's
    number) and the numbered sources."""
    facts: list[Fact] = campaign.facts_tagged(["key"]) if "key" in campaign.tags else []
    facts = facts or list(campaign.facts)
    numbers = source_numbers(fact.source for fact in facts)
    items = [{"text": dated_fact(f), "number": numbers[f.source.id]} for f in facts]
    by_id = {fact.source.id: fact.source for fact in facts}
    sources = [
        {"number": n, "citation": by_id[i].citation(), "url": by_id[i].url}
        for i, n in numbers.items()
    ]
    return items, sources


def page_posts(
    campaign: Campaign,
    count: int = POSTS_PER_PLATFORM,
    language: str = "en",
    words: PageWords = ENGLISH,
) -> list[dict[str, Any]]:
    """Share texts in ``language`` for every platform (``compose_posts``), each with its length
    counted as the platform counts it and captioned in ``words``; threads are not offered (one
    post each)."""
    from civickit.materials.social import SocialOptions, compose_posts
    from civickit.materials.textcount import platforms

    known = platforms()
    options = SocialOptions(platforms=tuple(known.values()), count=count, language=language)
    return [
        {
            "platform": post.platform,
            "platform_name": known[post.platform].label,
            "text": post.text,
            "length": post.length,
            "limit": post.limit,
            "unit": post.unit,
            "caption": words.text["post_caption"].format(
                platform=known[post.platform].label,
                length=words.number(post.length),
                limit=words.number(post.limit),
                unit=words.word("units", post.unit),
            ),
            "label": words.text["post_label"].format(platform=known[post.platform].label),
        }
        for post in compose_posts(campaign, options).posts
    ]


def page_ask(campaign: Campaign) -> str:
    """What the page asks for: the campaign's ask to Congress, else its first ask."""
    ask = campaign.asks.get("federal") or next(iter(campaign.asks.values()), None)
    return ask.text if ask else campaign.summary


def render_page(
    campaign: Campaign,
    data: Mapping[str, Any],
    *,
    made: dt.date,
    template_dir: Path | None = None,
    language: str = "en",
) -> dict[str, bytes]:
    """The page's files by name, from ``data`` (``outreach.page_data``): ``index.html`` and
    a district list per language, ``districts.html`` in the first, ``districts.<code>.html``
    in each other one."""
    search = template_search_path(template_dir, campaign.templates_dir)
    env = make_environment([*search[:-1], PAGE_TEMPLATES_DIR, search[-1]])
    css = (PAGE_TEMPLATES_DIR / "page.css").read_text(encoding="utf-8")
    js = (PAGE_TEMPLATES_DIR / "page.js").read_text(encoding="utf-8")
    codes = [language, *(c for c in data.get("languages", ()) if c != language)]
    versions = [page_version(campaign, code, search, first=n == 0) for n, code in enumerate(codes)]
    for version in versions:
        version["ui"] = _ui(version, data, made)
    embedded = {**data, "ui": versions[0]["ui"], "census": CENSUS_GEOCODER}
    if len(codes) > 1:
        embedded["ui_text"] = {v["code"]: v["ui"] for v in versions[1:]}
        embedded["officials"], embedded["districts"] = localised(data, versions[1:])
    common = {"campaign": campaign, "css": Markup(css), "lang": language}  # noqa: S704 - ours
    index = render_template(
        env,
        "page.html",
        {
            **common,
            "csp": csp(js, css),
            "js": Markup(js),  # noqa: S704 - our own package file
            "data_json": Markup(json_block(embedded)),  # noqa: S704 - escaped by json_block
            "versions": versions,
            "ui": versions[0]["ui"],
        },
    )
    files = {"index.html": index.encode("utf-8")}
    for version in versions:
        words: PageWords = version["page_words"]
        listed = render_template(
            env,
            "page_districts.html",
            {
                **common,
                "lang": version["code"],
                "csp": csp(None, css),
                "districts": district_list(data, words),
                "version": version,
                "versions": versions,
                "w": version["ui"],
            },
        )
        files[version["file"]] = listed.encode("utf-8")
    return files


def _ui(version: Mapping[str, Any], data: Mapping[str, Any], made: dt.date) -> dict[str, str]:
    """Every word the page shows in ``version``'s language, formatted for this page."""
    words: PageWords = version["page_words"]
    ui = dict(words.text)
    zip_code, districts = examples(data, words)
    states = state_examples(data)
    ui["example"] = ui["example"].format(zip=zip_code, districts=districts)
    hint = ui["hint_state"] if states else ui["hint"]
    ui["hint"] = hint.format(zip=zip_code, districts=districts, state=states[:1] and states[0])
    ui["only"] = ui["only"].format(states="{states}")
    only = ", ".join(data.get("only_states", ()))
    ui["only_line"] = ui["only"].format(states=only) if only else ""
    state_data = ", ".join(data.get("state_data", ()))
    examples_text = words.either(states)
    note = ui["state_note"].format(states=state_data, examples=examples_text)
    ui["zip_note"] = f"{ui['zip_note']} {note}" if state_data else ui["zip_note"]
    version_text = str(data.get("zip_version", ""))
    ui["data_note"] = ui["data_note"].format(version=f" ({version_text})" if version_text else "")
    if not data.get("zip_table"):
        ui["data_note"] = ""
    ui["made"] = ui["made"].format(date=words.date(made))
    ui["less_than_1"] = words.less_than_1()
    ui["percent"] = words.percent()
    ui.update(words.list_patterns())
    ui["title"] = version["campaign"].title
    ui["list_title"] = ui["list_title"].format(title=ui["title"])
    ui["back"] = ui["back"].format(title=ui["title"])
    ui["districts_file"] = version["file"]
    before, _, after = ui["noscript"].partition("{link}")
    ui["noscript_before"], ui["noscript_after"] = before, after
    return ui


def page_version(
    campaign: Campaign, language: str, folders: Sequence[Path], *, first: bool
) -> dict[str, Any]:
    """The page's texts in ``language`` (the campaign's translation, English where it has
    none): title, summary, ask, key facts, sources, with the page's words in it."""
    from civickit.campaign.translations import in_language
    from civickit.materials.languages import language_words

    words = page_words(language, folders)
    if words is None:
        raise UsageError(
            f"language {language!r}: its language.toml has no [page] table; add one "
            "(copy the built-in es one and translate it)"
        )
    text = in_language(campaign, language, language_words(language, folders).dates)
    facts, sources = key_facts(text)
    return {
        "code": language,
        "suffix": "" if first else f"-{language}",
        "first": first,
        "file": district_file(language, first=first),
        "page_words": words,
        "words": words.text,
        "campaign": text,
        "facts": facts,
        "sources": sources,
        "ask": page_ask(text),
        "posts": page_posts(campaign, language=language, words=words),
    }


def examples(data: Mapping[str, Any], words: PageWords = ENGLISH) -> tuple[str, str]:
    """A ZIP and a few districts the page knows, to show what to type: ``94612`` and
    ``CA-12, WY-AL or DC`` (in ``words``' language) when it has them."""
    zips: Mapping[str, Any] = data["zips"]
    zip_code = "94612" if "94612" in zips else next(iter(zips), "")
    labels = [d["label"] for d in data["districts"] if d.get("kind", "cd") == "cd"]
    chosen = [label for label in ("CA-12", "WY-AL", "DC") if label in labels] or labels[:2]
    return zip_code, words.either(chosen)


def state_examples(data: Mapping[str, Any]) -> list[str]:
    """A district label of each chamber of the first state with legislators: ``CA-SD-1``."""
    found: dict[str, str] = {}
    for district in data["districts"]:
        if district.get("kind", "cd") != "cd":
            state = district["label"][:2]
            found.setdefault(f"{state}:{district['kind']}", district["label"])
    first = next(iter(found), "")[:2]
    return [label for kind, label in found.items() if kind.startswith(first)] if first else []


def district_list(data: Mapping[str, Any], words: PageWords = ENGLISH) -> list[dict[str, Any]]:
    """Every district of ``data`` with its officials' entries, in ``words``' language."""
    officials = data["officials"]
    if not words.english:
        officials = [official_in(official, words) for official in officials]
    return [
        {
            "label": district["label"],
            "name": district_name(district, words),
            "officials": [officials[i] for i in district["officials"]],
        }
        for district in data["districts"]
    ]


def localised(
    data: Mapping[str, Any], versions: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The data's officials and districts with their headings, phone labels and names in
    each of ``versions``' languages under its code (``official["es"]["heading"]``)."""
    officials = [dict(official) for official in data["officials"]]
    districts = [dict(district) for district in data["districts"]]
    for version in versions:
        words: PageWords = version["page_words"]
        for official in officials:
            shown = official_in(official, words)
            extra: dict[str, Any] = {"heading": shown["heading"]}
            if not official["vacant"]:
                extra["labels"] = [phone["label"] for phone in shown["phones"]]
            official[words.code] = {**official.get(words.code, {}), **extra}
        for district in districts:
            district[words.code] = {"name": district_name(district, words)}
    return officials, districts


def district_name(district: Mapping[str, Any], words: PageWords) -> str:
    """``California's congressional district 12`` as the data names it in English; in another
    language from its words: ``Distrito 12 de California en el Congreso``."""
    if words.english:
        return str(district["name"])
    from civickit.core.districts import NON_STATES, parse_district

    place = parse_district(str(district["label"]))
    state = words.state(place.state)
    if place.kind != "cd":
        office: OfficeKind = "state-upper" if place.kind == "sldu" else "state-lower"
        chamber = words.chamber(place.state, office)
        return words.contract(
            words.text["district_state"].format(chamber=chamber, state=state, number=place.number)
        )
    if place.state in NON_STATES:
        return state
    if place.at_large:
        return words.text["district_at_large"].format(state=state)
    return words.text["district_cd"].format(state=state, number=place.number)


def official_in(official: Mapping[str, Any], words: PageWords) -> dict[str, Any]:
    """An official's entry with its heading and phone labels in ``words``' language."""
    from civickit.core.districts import NON_STATES

    seat = str(official["seat"])
    office = words.word("offices", str(official["office"]))
    # The state for a senator or a whole state's seat, else the district's label (CA-12).
    whole = official["office"] == "us-senate" or seat in NON_STATES or seat.endswith("-AL")
    place = words.state(seat[:2]) if whole else seat
    if official["vacant"]:
        heading = words.text["vacant"].format(seat=seat, office=office, place=place)
        return {**official, "heading": heading}
    party = words.word("parties", str(official.get("party", "")))
    heading = words.text["official"].format(
        name=official["name"], office=office, place=place, party=f", {party}" if party else ""
    )
    phones = [
        {**phone, "label": phone_label(phone["label"], words)} for phone in official["phones"]
    ]
    return {**official, "heading": heading, "phones": phones}


def phone_label(label: str, words: PageWords) -> str:
    """``District Office (Casper)``: its office name in ``words``' language, the rest kept."""
    name, sep, rest = label.partition(" (")
    return f"{words.word('phones', name)}{sep}{rest}"
