"""The action page's files: ``index.html`` (facts, the ask, the search and share texts, with its
data, style and script inlined) and ``districts.html`` (every district and its officials, for
visitors without JavaScript).

Both are rendered in the sandbox with autoescaping; the data goes into a JSON block with ``<``,
``>`` and ``&`` escaped, so no campaign text can close the block, and the script puts every text
of it on the page with ``textContent``. A Content-Security-Policy allows only the page's own
inline style and script (by their SHA-256): no font, script, image, frame or request from
elsewhere, no form submission.

The words the script shows are data too (``UI_TEXT`` in ``page_words``, by language). A campaign
with translations gets one version of its texts per language (``page_version``) and a switch.
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
from civickit.materials.filters import dated_fact, source_numbers
from civickit.materials.page_words import PAGE_WORDS, UI_TEXT
from civickit.materials.render import (
    make_environment,
    render_template,
    template_search_path,
)

PAGE_FILES = ("index.html", "districts.html")
#: The page's templates, style and script: apart from the letters' templates (a batch's
#: fingerprint covers those), searched after the campaign's own ``templates/`` folder.
PAGE_TEMPLATES_DIR = Path(__file__).resolve().parent / "page_templates"
#: Posts per platform the page offers to share.
POSTS_PER_PLATFORM = 2
_NOT_DIAL = re.compile(r"[^\d+]")
_US_DIGITS = 10

CENSUS_GEOCODER = "https://geocoding.geo.census.gov/geocoder/geographies/onelineaddress?form"


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
    campaign: Campaign, count: int = POSTS_PER_PLATFORM, language: str = "en"
) -> list[dict[str, Any]]:
    """Share texts in ``language`` for every platform (``compose_posts``), each with its length
    counted as the platform counts it; threads are not offered (one post each)."""
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
    """The page's files by name, from ``data`` (``outreach.page_data``)."""
    search = template_search_path(template_dir, campaign.templates_dir)
    env = make_environment([*search[:-1], PAGE_TEMPLATES_DIR, search[-1]])
    css = (PAGE_TEMPLATES_DIR / "page.css").read_text(encoding="utf-8")
    js = (PAGE_TEMPLATES_DIR / "page.js").read_text(encoding="utf-8")
    codes = [language, *(c for c in data.get("languages", ()) if c != language)]
    versions = [page_version(campaign, code, search, first=n == 0) for n, code in enumerate(codes)]
    note = str(data.get("zip_table", ""))
    example_zip, example_districts = examples(data)
    ui = _ui(language, example_zip, example_districts)
    embedded = {**data, "ui": ui, "census": CENSUS_GEOCODER}
    if len(codes) > 1:
        embedded["ui_text"] = {
            code: _ui(code, example_zip, example_districts) for code in codes[1:]
        }
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
            "state_data": list(data.get("state_data", ())),
            "state_examples": state_examples(data),
            "example_zip": example_zip,
            "example_districts": example_districts,
            "only_states": list(data.get("only_states", ())),
            "data_note": f"congress-legislators, Open States and {note}" if note else "",
            "made": made.isoformat(),
        },
    )
    districts = render_template(
        env,
        "page_districts.html",
        {**common, "csp": csp(None, css), "districts": district_list(data)},
    )
    return {"index.html": index.encode("utf-8"), "districts.html": districts.encode("utf-8")}


def _ui(language: str, zip_code: str, districts: str) -> dict[str, str]:
    ui = dict(UI_TEXT[language])
    ui["example"] = ui["example"].format(zip=zip_code, districts=districts)
    return ui


def page_version(
    campaign: Campaign, language: str, folders: Sequence[Path], *, first: bool
) -> dict[str, Any]:
    """The page's texts in ``language`` (the campaign's translation, English where it has
    none): title, summary, ask, key facts, sources, with their headings."""
    from civickit.campaign.translations import in_language
    from civickit.materials.languages import language_words

    words = language_words(language, folders)
    text = in_language(campaign, language, words.dates)
    facts, sources = key_facts(text)
    return {
        "code": language,
        "suffix": "" if first else f"-{language}",
        "first": first,
        "words": PAGE_WORDS[language],
        "campaign": text,
        "facts": facts,
        "sources": sources,
        "ask": page_ask(text),
        "posts": page_posts(campaign, language=language),
    }


def examples(data: Mapping[str, Any]) -> tuple[str, str]:
    """A ZIP and a few districts the page knows, to show what to type: ``94612`` and
    ``CA-12, WY-AL or DC`` when it has them."""
    zips: Mapping[str, Any] = data["zips"]
    zip_code = "94612" if "94612" in zips else next(iter(zips), "")
    labels = [d["label"] for d in data["districts"] if d.get("kind", "cd") == "cd"]
    chosen = [label for label in ("CA-12", "WY-AL", "DC") if label in labels] or labels[:2]
    if len(chosen) < 2:
        return zip_code, "".join(chosen)
    return zip_code, f"{', '.join(chosen[:-1])} or {chosen[-1]}"


def state_examples(data: Mapping[str, Any]) -> list[str]:
    """A district label of each chamber of the first state with legislators: ``CA-SD-1``."""
    found: dict[str, str] = {}
    for district in data["districts"]:
        if district.get("kind", "cd") != "cd":
            state = district["label"][:2]
            found.setdefault(f"{state}:{district['kind']}", district["label"])
    first = next(iter(found), "")[:2]
    return [label for kind, label in found.items() if kind.startswith(first)] if first else []


def district_list(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every district of ``data`` with its officials' entries."""
    officials: Sequence[Mapping[str, Any]] = data["officials"]
    return [
        {
            "label": district["label"],
            "name": district["name"],
            "officials": [officials[i] for i in district["officials"]],
        }
        for district in data["districts"]
    ]
