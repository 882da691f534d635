"""civickit's own words in a post, per language: the ``[social]`` table of ``language.toml``.

English is built in (:data:`ENGLISH_SOCIAL`). Another language's posts need its
``<code>/language.toml`` to have a ``[social]`` table (the built-in ``es`` file has one); the
table is optional for a language used only for letters and call scripts, and asking for posts
in a language without it is a clear error rather than a post in two languages.
"""

from __future__ import annotations

from dataclasses import dataclass

from civickit.core.dates import DateWords
from civickit.core.languages import DEFAULT_LANGUAGE
from civickit.errors import UsageError
from civickit.materials.languages import LANGUAGE_FILE, LanguageWords
from civickit.materials.social_breaks import ENGLISH_CLAUSE_WORDS

#: The words a ``[social]`` table must give; ``clause_words`` is optional.
REQUIRED = ("via", "said", "translation", "take_action", "link_in_bio", "source")


@dataclass(frozen=True)
class SocialWords:
    """What civickit itself writes in a post in one language."""

    code: str = DEFAULT_LANGUAGE
    via: str = "{publisher}, via {via}"  # a source reported by another
    said: str = "said"  # a quote's verb when the campaign gives no context (English)
    translation: str = ""  # "Traducción: «{text}»": a quote's translation, marked as one
    take_action: str = "Take action:"  # before the action URL or "link in bio"
    link_in_bio: str = "link in bio"
    source: str = "Source:"  # before the full citation (LinkedIn)
    clause_words: tuple[str, ...] = ENGLISH_CLAUSE_WORDS
    dates: DateWords | None = None  # None: English dates

    @property
    def english(self) -> bool:
        """True for civickit's own English wording."""
        return self.code == DEFAULT_LANGUAGE

    def credit(self, publisher: str, via: str) -> str:
        """``The Washington Post, via The Verge``, worded in this language."""
        return self.via.replace("{publisher}", publisher).replace("{via}", via)

    def translated(self, text: str) -> str:
        """A quote's translation, marked as one: ``Traducción: «…»``."""
        return self.translation.replace("{text}", text)

    def template_words(self) -> dict[str, str]:
        """The words a ``social_post*.txt`` template lays out (``words.take_action``, ...)."""
        return {
            "take_action": self.take_action,
            "link_in_bio": self.link_in_bio,
            "source": self.source,
        }


ENGLISH_SOCIAL = SocialWords()


def social_words(words: LanguageWords) -> SocialWords:
    """The post words of ``words``' language, from its ``[social]`` table."""
    if words.english:
        return ENGLISH_SOCIAL
    file = f"templates/{words.code}/{LANGUAGE_FILE}"
    table = words.social
    if not table:
        raise UsageError(
            f"language {words.code!r}: {file} has no [social] table, so civickit cannot word "
            "posts in it; add one (copy the built-in es file's [social] table and translate it)"
        )
    missing = [key for key in REQUIRED if not table.get(key, "").strip()]
    if missing:
        raise UsageError(
            f"language {words.code!r}: the [social] table of {file} lacks "
            f"{', '.join(missing)}; add them (see the built-in es file)"
        )
    for key, needed in (("via", ("{publisher}", "{via}")), ("translation", ("{text}",))):
        if not all(part in table[key] for part in needed):
            raise UsageError(
                f"language {words.code!r}: [social] {key} in {file} must contain "
                f"{' and '.join(needed)}; write it as the built-in es file does"
            )
    return SocialWords(
        code=words.code,
        via=table["via"],
        said=table["said"],
        translation=table["translation"],
        take_action=table["take_action"],
        link_in_bio=table["link_in_bio"],
        source=table["source"],
        clause_words=tuple(table.get("clause_words", "").split()),
        dates=words.dates,
    )
