"""Where a post's text may be cut or split: sentences, clauses, words, graphemes.

``shorten`` and ``split_thread`` work on any text; ``clause_cuts`` gives the shorter forms of a
fact that end at a sentence or clause boundary, which is all ``civickit social`` shortens.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Sequence

import regex

from civickit.materials.textcount import Platform, graphemes

ELLIPSIS = "\u2026"

# A sentence ends at . ! ? or … (then closing quotes or brackets) followed by whitespace; a line
# break always ends one.
_SENTENCE_END = regex.compile(r"(?<=[.!?\u2026][\"'”’»)\]]*)[^\S\n]+|\n+\s*")
_WORD_GAP = regex.compile(r"\s+")
#: Words before which an English fact may be cut as at a clause boundary.
ENGLISH_CLAUSE_WORDS = (
    "that", "which", "who", "whose", "where", "while", "because", "although", "but", "and",
    "or", "so", "following", "including", "after", "before", "until", "unless", "citing",
)  # fmt: skip
# A clause ends at ; or : (the text before it reads as a sentence), or at a comma, a dash or
# before a word that opens a clause (the text before it needs "…": the thought goes on).
_CLAUSE_PUNCTUATION = r"(?P<full>[;:])\s+|(?P<open>,|\s[\u2014\u2013])\s+"


@functools.cache
def _clause_end(words: tuple[str, ...]) -> regex.Pattern[str]:
    """The clause boundaries of a language whose clauses may open with ``words``."""
    if not words:
        return regex.compile(_CLAUSE_PUNCTUATION)
    alternatives = "|".join(regex.escape(word) for word in words)
    return regex.compile(rf"{_CLAUSE_PUNCTUATION}|(?P<word>\s)(?=(?:{alternatives})\s)")


Fits = Callable[[str], bool]


def shorten(text: str, platform: Platform) -> str:
    """``text`` cut at a word boundary with an ellipsis so ``platform`` accepts its length."""
    text = text.strip()
    if platform.within_limit(text):
        return text
    found = _Breaks(text).chunk(0, platform.within_limit, "", mark_every_cut=True)
    return found[1] if found is not None else text  # chunk gives None only for sentences_only


def split_thread(text: str, platform: Platform, *, sentences_only: bool = False) -> list[str]:
    """``text`` split at sentence boundaries into posts numbered ``1/N``, each within limits.

    A sentence too long for one post is split at word boundaries (or, for a single huge word,
    between characters), with ``…`` marking each cut; with ``sentences_only`` it is not split
    and the result is empty instead. Text that fits is returned unnumbered.
    """
    text = text.strip()
    if platform.within_limit(text) or not text:
        return [text] if text else []
    breaks = _Breaks(text)
    width = 1
    while True:
        placeholder = "9" * width
        marker = f" {placeholder}/{placeholder}"
        chunks = breaks.split(platform.within_limit, marker, sentences_only=sentences_only)
        if not chunks or len(str(len(chunks))) <= width:
            break
        width += 1
    total = len(chunks)
    return [f"{chunk} {number}/{total}" for number, chunk in enumerate(chunks, start=1)]


def clause_cuts(text: str, words: Sequence[str] = ENGLISH_CLAUSE_WORDS) -> list[str]:
    """Shorter forms of ``text``, longest first, each ending at a sentence or clause boundary.

    A clause also ends before one of ``words`` (the language's "that", "which", "because" ...).

    A cut after a sentence, ``;`` or ``:`` ends with a full stop; one after a comma or dash
    ends with ``…``. No cut falls inside quotation marks, and each keeps at least half the
    text, so what is left still says what the whole said first.
    """
    text = text.strip()
    cuts: dict[int, str] = {}
    for match in _SENTENCE_END.finditer(text):
        kept = text[: match.start()].rstrip()
        cuts.setdefault(len(kept), kept)
    for match in _clause_end(tuple(words)).finditer(text):
        kept = text[: match.start()].rstrip().rstrip(",;:\u2014\u2013").rstrip()
        if kept and kept[-1] not in ".!?\u2026":
            ending = "." if match.group("full") else ELLIPSIS
            cuts.setdefault(len(kept), kept + ending)
    minimum = len(text) / 2
    return [
        cut
        for end, cut in sorted(cuts.items(), reverse=True)
        if minimum <= end < len(text) and not _inside_quotation(text, end)
    ]


def _inside_quotation(text: str, end: int) -> bool:
    """True when ``text[:end]`` leaves a “…”, «…» or "…" quotation open (’ is an apostrophe
    too)."""
    head = text[:end]
    return (
        head.count("\u201c") > head.count("\u201d")
        or head.count("\u00ab") > head.count("\u00bb")
        or head.count('"') % 2 == 1
    )


# --------------------------------------------------------------------------- cutting text


def longest_fit(
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
        self,
        start: int,
        fits: Fits,
        marker: str,
        *,
        mark_every_cut: bool = False,
        sentences_only: bool = False,
    ) -> tuple[int, str] | None:
        """The longest piece from ``start`` that fits with ``marker`` appended, and its end.

        Sentence ends are tried first (unless ``mark_every_cut``: a shortened post keeps as
        many words as fit), then word ends, then grapheme and code point boundaries; with
        ``sentences_only`` only sentence ends, and None when no whole sentence fits.
        """
        levels = [self.words, self.graphemes, self.code_points]
        if sentences_only:
            levels = [self.sentences]
        elif not mark_every_cut:
            levels.insert(0, self.sentences)
        for level in levels:
            candidates = level[bisect.bisect_right(level, start) :]
            found = longest_fit(
                candidates,
                lambda end: self.piece(start, end, mark_every_cut=mark_every_cut) + marker,
                fits,
            )
            if found is not None:
                end, text = found
                return end, text[: len(text) - len(marker)]
        if sentences_only:
            return None
        # Unreachable with real limits: one code point and two ellipses always fit.
        return start + 1, self.piece(start, start + 1)

    def split(self, fits: Fits, marker: str, *, sentences_only: bool = False) -> list[str]:
        """Consecutive pieces covering the text, each fitting with ``marker`` appended.

        With ``sentences_only``, empty when some sentence does not fit on its own.
        """
        pieces: list[str] = []
        start = self._skip_space(0)
        while start < len(self.text):
            found = self.chunk(start, fits, marker, sentences_only=sentences_only)
            if found is None:
                return []
            end, piece = found
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
