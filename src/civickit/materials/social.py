"""Platform-aware social posts: one per fact and quote, composed to fit its platform whole.

A post says what happened, when (at the source's precision) and who reported it, then the action
URL and the campaign's hashtags. Openings alternate: every other post leads with its date
("On June 10, 2020, Amazon said …"), the others with the fact or the speaker, the date after
("Amazon said … (June 10, 2020)."). A post too long for its platform is fitted, stopping as soon
as it fits: hashtags are dropped (the last first), the commentary before a quote is shortened,
then a fact is shortened at a sentence or clause boundary (``clause_cuts``). A quote is never
shortened: it appears whole or not at all. A post that still does not fit is left out for that
platform (a :class:`LeftOut` says why); with ``thread=True`` it is instead split at sentence
boundaries into numbered posts, a quote only between its own sentences.

A platform whose captions show no links (Instagram) gets "link in bio" instead of the URL. Posts
are NFC-normalised before they are counted and fitted.

``SocialOptions.language`` writes the posts in another language: the campaign's translation
(``in_language``), that language's dates and post words (the ``[social]`` table of its
``language.toml``, :mod:`civickit.materials.social_words`) and its own ``<code>/social_post*.txt``
templates where the search path has them. A quote stays verbatim, followed by the campaign's
translation of it marked as one; a quote with no translation in that language gets no post.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from civickit.campaign import Campaign, Fact, Quote, is_http_url
from civickit.errors import UsageError
from civickit.materials.filters import fact_sentence
from civickit.materials.social_breaks import (
    ELLIPSIS,
    clause_cuts,
    longest_fit,
    shorten,
    split_thread,
)
from civickit.materials.social_parts import PostParts, post_parts
from civickit.materials.social_types import LeftOut, Post, SocialOptions, SocialPosts
from civickit.materials.social_words import SocialWords, social_words
from civickit.materials.textcount import Platform

__all__ = [
    "ELLIPSIS",
    "LeftOut",
    "Post",
    "SocialOptions",
    "SocialPosts",
    "check_action_url",
    "compose_posts",
    "generate_posts",
    "shorten",
    "split_thread",
]

TEMPLATE = "social_post"


@dataclass(frozen=True)
class _Composed:
    """One item on one platform: its posts, or why it has none."""

    posts: list[Post]
    left_out: LeftOut | None = None

    @property
    def whole(self) -> bool:
        return bool(self.posts) and not any(post.cut for post in self.posts)


# --------------------------------------------------------------------------- public API


def compose_posts(campaign: Campaign, options: SocialOptions) -> SocialPosts:
    """Posts for every chosen platform: facts (``key`` first), then quotes (``key`` first).

    With ``count``, each platform gets at most that many, preferring items that fit whole over
    facts that had to be shortened, in campaign order.
    """
    url = check_action_url(options.url) if options.url is not None else campaign.action_url
    if options.count is not None and options.count < 1:
        raise UsageError(f"--count {options.count}: give a number of posts of 1 or more")
    renderer = _Renderer(campaign, options.template_dir, options.language)
    translated = options.language != campaign.language
    campaign = renderer.campaign
    items = [*_ordered(campaign.facts), *_ordered(campaign.quotes)]
    result = SocialPosts(posts=[])
    for platform in options.platforms:
        hashtags = _hashtags_for(platform, campaign.hashtags) if options.hashtags else []
        job = _Job(
            campaign, platform, renderer, url, hashtags, thread=options.thread,
            translated=translated,
        )  # fmt: skip
        composed = [_compose(job, item, index % 2 == 1) for index, item in enumerate(items)]
        chosen = _choose(composed, options.count)
        for entry in chosen:
            result.posts.extend(entry.posts)
        if options.count is None or len(chosen) < options.count:
            result.left_out.extend(entry.left_out for entry in composed if entry.left_out)
    return result


def generate_posts(campaign: Campaign, options: SocialOptions) -> list[Post]:
    """The posts of :func:`compose_posts`, without the list of what was left out."""
    return compose_posts(campaign, options).posts


def check_action_url(url: str) -> str:
    """The ``--url`` value if it is a usable http(s) URL."""
    cleaned = url.strip()
    if not is_http_url(cleaned):
        raise UsageError(f"--url {url!r}: give an http(s) URL with no spaces")
    return cleaned


# --------------------------------------------------------------------------- building posts


def _ordered(items: Sequence[Fact] | Sequence[Quote]) -> list[Fact | Quote]:
    return sorted(items, key=lambda item: "key" not in item.tags)


def _choose(composed: Sequence[_Composed], count: int | None) -> list[_Composed]:
    made = [entry for entry in composed if entry.posts]
    if count is None:
        return made
    ranked = sorted(range(len(made)), key=lambda index: not made[index].whole)
    return [made[index] for index in sorted(ranked[:count])]


def _hashtags_for(platform: Platform, hashtags: Sequence[str]) -> list[str]:
    cap = platform.hashtags_per_post
    return list(hashtags if cap is None else hashtags[:cap])


class _Renderer:
    """Renders ``social_post_<platform>.txt`` if present, else ``social_post.txt``; in another
    language its own ``<code>/social_post_<platform>.txt`` and ``<code>/social_post.txt`` first,
    then those, which lay a post out in any language with ``words``."""

    def __init__(self, campaign: Campaign, template_dir: Path | None, language: str) -> None:
        from civickit.campaign.translations import in_language
        from civickit.materials.languages import language_words
        from civickit.materials.render import make_environment, template_search_path

        search_path = template_search_path(template_dir, campaign.templates_dir)
        language_file = language_words(language, search_path)
        self.words: SocialWords = social_words(language_file)
        self.campaign = in_language(campaign, language, language_file.dates)
        self.env = make_environment(search_path, language, language_file.dates)
        names = [f"{TEMPLATE}_{{}}.txt", f"{TEMPLATE}.txt"]
        own = [] if self.words.english else [f"{language}/{name}" for name in names]
        self._choices = [*own, *names]
        self._names: dict[str, str] = {}

    def render(self, platform: Platform, context: dict[str, Any]) -> str:
        from civickit.materials.render import render_template

        name = self._names.get(platform.name)
        if name is None:
            import jinja2

            *tried, name = [choice.format(platform.name) for choice in self._choices]
            for choice in tried:
                try:
                    self.env.get_template(choice)
                except jinja2.TemplateNotFound:
                    continue
                name = choice
                break
            self._names[platform.name] = name
        # NFC, as X counts: a decomposed "é" or "ñ" costs one unit on every platform.
        return unicodedata.normalize("NFC", render_template(self.env, name, context).strip())


@dataclass(frozen=True)
class _Job:
    """What every post on one platform shares."""

    campaign: Campaign
    platform: Platform
    renderer: _Renderer
    url: str | None
    hashtags: Sequence[str]
    thread: bool
    translated: bool  # in another language than the campaign's own

    def parts(self, item: Fact | Quote, *, date_last: bool, short: bool = False) -> PostParts:
        return post_parts(
            self.campaign, item, self.renderer.words, date_last=date_last, short=short,
            translated=self.translated,
        )  # fmt: skip


def _compose(job: _Job, item: Fact | Quote, date_last: bool) -> _Composed:
    """The post for ``item`` on ``job.platform``: whole if it fits, else fitted as said above."""
    platform, url, hashtags = job.platform, job.url, job.hashtags
    words = job.renderer.words
    parts = job.parts(item, date_last=date_last)
    if isinstance(item, Quote) and job.translated and not item.translation:
        reason = (
            f"a quote stays in the language spoken and the campaign gives no {words.code} "
            f"translation of it ([translations.{words.code}.quotes.{item.id}] translation)"
        )
        return _left_out(parts, platform, reason)
    candidates = list(range(len(hashtags) + 1))
    layout_words = words.template_words()

    def render(variant: PostParts, tags: Sequence[str]) -> str:
        return job.renderer.render(platform, variant.context(platform, url, tags, layout_words))

    def with_most_tags(variant: PostParts) -> tuple[int, str] | None:
        return longest_fit(
            candidates, lambda n: render(variant, hashtags[:n]), platform.within_limit
        )

    def posts(texts: Sequence[str], *, shortened: bool, cut: bool = False) -> _Composed:
        return _Composed(_posts(parts, platform, texts, shortened=shortened, cut=cut))

    # Its own opening first, then (a quote) without the speaker's role, then the other opening.
    variants = [parts]
    for other, short in ((date_last, True), (not date_last, False), (not date_last, True)):
        variant = job.parts(item, date_last=other, short=short)
        if variant not in variants and variant.statement() != parts.statement():
            variants.append(variant)
    for variant in variants:
        found = with_most_tags(variant)
        if found is not None:
            return posts([found[1]], shortened=variant is not parts or found[0] < len(hashtags))
    last = job.parts(item, date_last=date_last, short=True)
    measure = f"{platform.limit:,} {platform.unit}"
    if job.thread:
        quote = isinstance(item, Quote)
        texts = split_thread(render(last, []), platform, sentences_only=quote)
        if texts:
            # The thread keeps the hashtags when they cost no extra post.
            tagged = split_thread(render(last, hashtags), platform, sentences_only=quote)
            return posts(tagged if len(tagged) == len(texts) else texts, shortened=True)
        return _left_out(parts, platform, f"a sentence of it does not fit in one post of {measure}")
    if isinstance(item, Quote):
        reason = f"it does not fit whole in {measure}, and a quote is never cut (try a thread)"
        return _left_out(parts, platform, reason)
    for cut in clause_cuts(item.text, words.clause_words):
        found = with_most_tags(replace(last, body=fact_sentence(replace(item, text=cut))))
        if found is not None:
            return posts([found[1]], shortened=True, cut=True)
    reason = f"it does not fit in {measure}, whole or shortened at a sentence or clause boundary"
    return _left_out(parts, platform, reason)


def _left_out(parts: PostParts, platform: Platform, reason: str) -> _Composed:
    return _Composed([], LeftOut(platform.name, parts.kind, parts.item_id, reason))


def _posts(
    parts: PostParts,
    platform: Platform,
    texts: Sequence[str],
    *,
    shortened: bool,
    cut: bool = False,
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
            cut=cut,
        )
        for number, text in enumerate(texts, start=1)
    ]
