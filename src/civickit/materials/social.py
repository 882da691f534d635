"""Platform-aware social posts: one per fact and quote, each within its platform's limit.

A post names its date at the source's precision and its source, then the action URL and the
campaign's hashtags. A post too long for its platform is fitted in this order: hashtags are
dropped, then the commentary before a quote is shortened, then the fact or quote itself is cut at
a word boundary with an ellipsis ("…") marking the cut, keeping date, source and URL. With
``thread=True`` a post too long is instead split at sentence boundaries into numbered posts.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import regex

from civickit.campaign import Campaign, Fact, Quote, is_http_url
from civickit.core.dates import DateJoin, fit_to_date
from civickit.errors import UsageError
from civickit.materials.filters import capitalise_first, fact_sentence, fact_when
from civickit.materials.textcount import Platform, graphemes

ELLIPSIS = "\u2026"
TEMPLATE = "social_post"
ItemKind = Literal["fact", "quote"]

# A sentence ends at . ! ? or … (then closing quotes or brackets) followed by whitespace; a line
# break always ends one.
_SENTENCE_END = regex.compile(r"(?<=[.!?\u2026][\"'”’)\]]*)[^\S\n]+|\n+\s*")
_WORD_GAP = regex.compile(r"\s+")

Fits = Callable[[str], bool]


@dataclass(frozen=True)
class Post:
    """One post ready to publish, or one numbered part of a thread."""

    platform: str
    text: str
    length: int
    limit: int
    unit: str
    thread_position: str | None
    source_id: str
    kind: ItemKind
    item_id: str
    shortened: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: platform, text, counted length, limit, thread position, ids."""
        return {
            "platform": self.platform,
            "text": self.text,
            "length": self.length,
            "limit": self.limit,
            "unit": self.unit,
            "thread_position": self.thread_position,
            "source_id": self.source_id,
            f"{self.kind}_id": self.item_id,
            "shortened": self.shortened,
        }


@dataclass(frozen=True)
class SocialOptions:
    """What to generate: which platforms, how many items, threads, URL and hashtags."""

    platforms: tuple[Platform, ...]
    count: int | None = None
    thread: bool = False
    url: str | None = None
    hashtags: bool = True
    template_dir: Path | None = None


@dataclass(frozen=True)
class _Parts:
    """The pieces a template lays out for one fact or quote."""

    kind: ItemKind
    item_id: str
    source_id: str
    lead: str
    short_lead: str
    body: str
    source_name: str
    source_url: str | None
    citation: str

    def context(
        self, platform: Platform, url: str | None, hashtags: Sequence[str]
    ) -> dict[str, Any]:
        return {
            "platform": platform.name,
            "kind": self.kind,
            "lead": self.lead,
            "body": self.body,
            "source_name": self.source_name,
            "source_url": self.source_url,
            "citation": self.citation,
            "url": url,
            "hashtags": list(hashtags),
        }


# --------------------------------------------------------------------------- public API


def generate_posts(campaign: Campaign, options: SocialOptions) -> list[Post]:
    """Posts for every chosen platform: facts (``key`` first), then quotes (``key`` first)."""
    url = check_action_url(options.url) if options.url is not None else campaign.action_url
    items = [*_ordered(campaign.facts), *_ordered(campaign.quotes)]
    if options.count is not None:
        if options.count < 1:
            raise UsageError(f"--count {options.count}: give a number of posts of 1 or more")
        items = items[: options.count]
    renderer = _Renderer(campaign, options.template_dir)
    posts: list[Post] = []
    for platform in options.platforms:
        hashtags = _hashtags_for(platform, campaign.hashtags) if options.hashtags else []
        for item in items:
            parts = _parts(campaign, item)
            posts.extend(_fit(parts, platform, renderer, url, hashtags, thread=options.thread))
    return posts


def check_action_url(url: str) -> str:
    """The ``--url`` value if it is a usable http(s) URL."""
    cleaned = url.strip()
    if not is_http_url(cleaned):
        raise UsageError(f"--url {url!r}: give an http(s) URL with no spaces")
    return cleaned


def shorten(text: str, platform: Platform) -> str:
    """``text`` cut at a word boundary with an ellipsis so ``platform`` accepts its length."""
    text = text.strip()
    if platform.within_limit(text):
        return text
    return _Breaks(text).chunk(0, platform.within_limit, "", mark_every_cut=True)[1]


def split_thread(text: str, platform: Platform) -> list[str]:
    """``text`` split at sentence boundaries into posts numbered ``1/N``, each within limits.

    A sentence too long for one post is split at word boundaries (or, for a single huge word,
    between characters), with ``…`` marking each cut. Text that fits is returned unnumbered.
    """
    text = text.strip()
    if platform.within_limit(text) or not text:
        return [text] if text else []
    breaks = _Breaks(text)
    width = 1
    while True:
        placeholder = "9" * width
        chunks = breaks.split(platform.within_limit, marker=f" {placeholder}/{placeholder}")
        if len(str(len(chunks))) <= width:
            break
        width += 1
    total = len(chunks)
    return [f"{chunk} {number}/{total}" for number, chunk in enumerate(chunks, start=1)]


# --------------------------------------------------------------------------- building posts


def _ordered(items: Sequence[Fact] | Sequence[Quote]) -> list[Fact | Quote]:
    return sorted(items, key=lambda item: "key" not in item.tags)


def _hashtags_for(platform: Platform, hashtags: Sequence[str]) -> list[str]:
    if platform.max_hashtags is not None:
        return list(hashtags[: platform.max_hashtags])
    return list(hashtags)


def _source_name(campaign: Campaign, source_id: str) -> str:
    source = campaign.sources[source_id]
    if source.via and source.via in campaign.sources:
        return f"{source.publisher}, via {campaign.sources[source.via].publisher}"
    return source.publisher


def _parts(campaign: Campaign, item: Fact | Quote) -> _Parts:
    source = item.source
    name = _source_name(campaign, source.id)
    url, citation = source.url, source.citation()
    if isinstance(item, Fact):
        when = capitalise_first(fact_when(item, phrase=True))
        join: DateJoin = "label" if item.date_basis == "reported" else "lead"
        lead = f"{when}:" if join == "label" else f"{when},"
        text = fit_to_date(fact_sentence(item), join)
        return _Parts("fact", item.id, source.id, lead, lead, text, name, url, citation)
    when = capitalise_first(item.date.phrase())
    # A quote that starts in lower case continues the sentence its context begins.
    colon = "" if item.text[:1].islower() else ":"
    verb = item.context or "said"
    who = ", ".join(dict.fromkeys(p for p in (item.speaker, item.role, item.organisation) if p))
    if who != item.speaker:
        who += ","  # "Brad Smith, President, Microsoft, told …" but "Amazon said …"
    lead = f"{when}, {who} {verb}{colon}"
    short_lead = f"{when}, {item.speaker} {verb}{colon}"
    return _Parts("quote", item.id, source.id, lead, short_lead, item.text, name, url, citation)


class _Renderer:
    """Renders ``social_post_<platform>.txt`` if present, else ``social_post.txt``."""

    def __init__(self, campaign: Campaign, template_dir: Path | None) -> None:
        from civickit.materials.render import make_environment, template_search_path

        self.env = make_environment(template_search_path(template_dir, campaign.templates_dir))
        self._names: dict[str, str] = {}

    def render(self, platform: Platform, context: dict[str, Any]) -> str:
        from civickit.materials.render import render_template

        name = self._names.get(platform.name)
        if name is None:
            import jinja2

            name = f"{TEMPLATE}_{platform.name}.txt"
            try:
                self.env.get_template(name)
            except jinja2.TemplateNotFound:
                name = f"{TEMPLATE}.txt"
            self._names[platform.name] = name
        return render_template(self.env, name, context).strip()


def _fit(
    parts: _Parts,
    platform: Platform,
    renderer: _Renderer,
    url: str | None,
    hashtags: Sequence[str],
    *,
    thread: bool,
) -> list[Post]:
    def render(variant: _Parts, tags: Sequence[str]) -> str:
        return renderer.render(platform, variant.context(platform, url, tags))

    short = replace(parts, lead=parts.short_lead)
    ladder = (render(parts, hashtags), render(parts, []), render(short, []))
    for step, text in enumerate(ladder):
        if platform.within_limit(text):
            return _posts(parts, platform, [text], shortened=step > 0)
    if thread:
        # The thread keeps the hashtags when they cost no extra post.
        texts = split_thread(ladder[2], platform)
        tagged = split_thread(render(short, hashtags), platform)
        chosen = tagged if len(tagged) == len(texts) else texts
        return _posts(parts, platform, chosen, shortened=True)
    cut = _cut_body(short, platform, lambda variant: render(variant, []))
    return _posts(parts, platform, [cut], shortened=True)


def _cut_body(parts: _Parts, platform: Platform, render: Callable[[_Parts], str]) -> str:
    """Cut the fact or quote text, keeping lead, source and URL; the whole text as a last resort."""
    breaks = _Breaks(parts.body)
    for candidates in (breaks.words, breaks.graphemes):

        def make(end: int) -> str:
            return render(replace(parts, body=parts.body[:end].rstrip() + ELLIPSIS))

        found = _longest_fit(candidates[1:], make, platform.within_limit)
        if found is not None:
            return found[1]
    return shorten(render(parts), platform)


def _posts(
    parts: _Parts, platform: Platform, texts: Sequence[str], *, shortened: bool
) -> list[Post]:
    total = len(texts)
    return [
        Post(
            platform=platform.name,
            text=text,
            length=platform.count(text),
            limit=platform.limit,
            unit=platform.unit,
            thread_position=f"{number}/{total}" if total > 1 else None,
            source_id=parts.source_id,
            kind=parts.kind,
            item_id=parts.item_id,
            shortened=shortened,
        )
        for number, text in enumerate(texts, start=1)
    ]


# --------------------------------------------------------------------------- cutting text


def _longest_fit(
    candidates: Sequence[int], make: Callable[[int], str], fits: Fits
) -> tuple[int, str] | None:
    """The largest end in ``candidates`` (ascending) whose ``make(end)`` fits, by bisection.

    Every returned text has itself been checked, so a count that is not monotone in ``end``
    (a URL cut short stops being a URL) can cost length but never breaks a limit.
    """
    low, high = 0, len(candidates) - 1
    best: tuple[int, str] | None = None
    while low <= high:
        middle = (low + high) // 2
        text = make(candidates[middle])
        if fits(text):
            best, low = (candidates[middle], text), middle + 1
        else:
            high = middle - 1
    return best


class _Breaks:
    """Where ``text`` may be cut: after sentences, between words, graphemes or code points."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = _gap_ends(_SENTENCE_END, text)
        self.words = _gap_ends(_WORD_GAP, text)
        self.graphemes = _grapheme_ends(text)
        self.code_points = list(range(len(text) + 1))
        self._sentence_set = set(self.sentences)

    def piece(self, start: int, end: int, *, mark_every_cut: bool = False) -> str:
        """``text[start:end]`` trimmed, with ``…`` where it starts or ends mid-sentence.

        With ``mark_every_cut`` any end before the end of the text is marked.
        """
        body = self.text[start:end].strip()
        head = "" if start in self._sentence_set else ELLIPSIS
        whole = end >= len(self.text) or (end in self._sentence_set and not mark_every_cut)
        return f"{head}{body}{'' if whole else ELLIPSIS}"

    def chunk(
        self, start: int, fits: Fits, marker: str, *, mark_every_cut: bool = False
    ) -> tuple[int, str]:
        """The longest piece from ``start`` that fits with ``marker`` appended, and its end.

        Sentence ends are tried first (unless ``mark_every_cut``: a shortened post keeps as
        many words as fit), then word ends, then grapheme and code point boundaries.
        """
        levels = [self.words, self.graphemes, self.code_points]
        if not mark_every_cut:
            levels.insert(0, self.sentences)
        for level in levels:
            candidates = level[bisect.bisect_right(level, start) :]
            found = _longest_fit(
                candidates,
                lambda end: self.piece(start, end, mark_every_cut=mark_every_cut) + marker,
                fits,
            )
            if found is not None:
                end, text = found
                return end, text[: len(text) - len(marker)]
        # Unreachable with real limits: one code point and two ellipses always fit.
        return start + 1, self.piece(start, start + 1)

    def split(self, fits: Fits, marker: str) -> list[str]:
        """Consecutive pieces covering the text, each fitting with ``marker`` appended."""
        pieces: list[str] = []
        start = self._skip_space(0)
        while start < len(self.text):
            end, piece = self.chunk(start, fits, marker)
            # Judge emptiness on the source text: a piece that is only the text's own "…" is
            # content, and only the cut marks this class adds may be ignored.
            if self.text[start:end].strip():
                pieces.append(piece)
            start = self._skip_space(end)
        return pieces

    def _skip_space(self, position: int) -> int:
        while position < len(self.text) and self.text[position].isspace():
            position += 1
        return position


def _gap_ends(pattern: regex.Pattern[str], text: str) -> list[int]:
    """Start, the end of every gap ``pattern`` matches, and the end of ``text``."""
    ends = {0, len(text)}
    ends.update(match.end() for match in pattern.finditer(text))
    return sorted(ends)


def _grapheme_ends(text: str) -> list[int]:
    ends = [0]
    for cluster in graphemes(text):
        ends.append(ends[-1] + len(cluster))
    return ends
