"""X (Twitter) post length: twitter-text's weighted length, written from its specification.

The rule is twitter-text's ``parseTweet`` with ``config/v3.json`` (twitter/twitter-text,
Apache-2.0): the text is NFC-normalised; every URL counts ``transformedURLLength`` (23); with
emoji parsing every emoji sequence counts ``defaultWeight`` (2); any other code point counts the
weight of the range it falls in (1 in U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F,
U+2032-U+2037), else 2. A post is valid when it is not empty, counts at most 280 and has no
U+FFFE, U+FEFF or U+FFFF. Ranges are UTF-16 indices, as the reference reports them.

URLs are found as twitter-text finds them, by a linear scanner instead of its backtracking
regular expression: a URL is an optional ``http(s)://``, a domain whose last label starts with
a known TLD (``x_tlds.txt``), an optional port, path and query. Without a protocol only the
ASCII part of the domain is a link. A domain label longer than 63 characters (as punycode), or a
t.co slug longer than 40, makes it no URL.
"""

from __future__ import annotations

import bisect
import string
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import regex


@dataclass(frozen=True)
class XConfig:
    """A twitter-text configuration (``config/v2.json``, ``config/v3.json``)."""

    max_length: int = 280
    scale: int = 100
    default_weight: int = 200
    url_length: int = 23
    emoji_parsing: bool = True
    # (first code point, last code point, weight); code points elsewhere weigh default_weight.
    ranges: tuple[tuple[int, int, int], ...] = (
        (0x0000, 0x10FF, 100),
        (0x2000, 0x200D, 100),
        (0x2010, 0x201F, 100),
        (0x2032, 0x2037, 100),
    )


V3 = XConfig()
V2 = XConfig(emoji_parsing=False)


@dataclass(frozen=True)
class XCount:
    """What twitter-text's ``parseTweet`` reports for a text."""

    weighted_length: int
    valid: bool
    permillage: int
    display_range: tuple[int, int]
    valid_range: tuple[int, int]


INVALID_CHARACTERS = "\ufffe\ufeff\uffff"  # X refuses a post holding any of these
_DIRECTIONAL = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SPACES = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_PUNCT = "!'#%&()*+,\\-./:;<=>?@[]^_{|}~$"
_ALNUM = frozenset(string.ascii_letters + string.digits)
# A URL may not follow these (it would be part of a word, mention, hashtag or cashtag), and one
# without protocol not these either.
_NOT_BEFORE = _ALNUM | frozenset("@＠$#＃" + INVALID_CHARACTERS)
_NOT_BEFORE_BARE = frozenset("-_./")
_LATIN_ACCENTS = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259"
    "\u025b\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
# Runs of characters a domain label may hold (hyphens and underscores included).
_LABEL_RUN = regex.compile(
    "[^"
    + regex.escape(_PUNCT.replace("-", "").replace("_", "") + _SPACES + INVALID_CHARACTERS)
    + regex.escape(_DIRECTIONAL)
    + "]+"
)
_PATH_CLASS = r"[a-z\u0400-\u04ff0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&" + _LATIN_ACCENTS + "]"
_PATH_CHAR = regex.compile(_PATH_CLASS, regex.IGNORECASE)
# A balanced (...) in a path, one nested level allowed.
_PARENS = regex.compile(
    rf"\((?:{_PATH_CLASS}+|{_PATH_CLASS}*\({_PATH_CLASS}+\){_PATH_CLASS}*)\)", regex.IGNORECASE
)
_PATH_END = regex.compile(r"[+\-a-z\u0400-\u04ff0-9=_#/" + _LATIN_ACCENTS + "]", regex.IGNORECASE)
_QUERY = r"\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-z0-9\-_&=#/]"
_ASCII_LABEL = regex.compile(r"[\-a-z0-9" + _LATIN_ACCENTS + "]+", regex.IGNORECASE)
_PORT = regex.compile(r":[0-9]+")
_QUERY_AT = regex.compile(_QUERY, regex.IGNORECASE)
_PROTOCOL = regex.compile(r"https?://", regex.IGNORECASE)
_TCO = regex.compile(rf"https?://t\.co/([a-z0-9]+)(?:{_QUERY})?", regex.IGNORECASE)
_PUNYCODE_TLD = regex.compile(r"xn--[\-0-9a-z]+", regex.IGNORECASE)
_MAX_URL = 4096
_MAX_LABEL = 63
_MAX_TCO_SLUG = 40

# One emoji sequence: a keycap, a flag, or pictographs joined by ZWJ, each with its skin tone
# and tag characters, and U+FE0F only after a pictograph that is text by default. (C) and (R)
# are text unless U+FE0F follows. This is what twitter-text's emoji table matches.
_PICTOGRAPH = (
    r"(?:\p{Emoji_Presentation}|[\u00a9\u00ae]\ufe0f"
    r"|(?![\u00a9\u00ae])\p{Extended_Pictographic}\ufe0f?)"
    r"\p{Emoji_Modifier}?[\U000e0020-\U000e007e]*\U000e007f?"
)
_EMOJI = regex.compile(
    rf"[#*0-9]\ufe0f?\u20e3|\p{{Regional_Indicator}}{{2}}|{_PICTOGRAPH}(?:\u200d{_PICTOGRAPH})*"
)


@cache
def _tlds() -> tuple[frozenset[str], tuple[int, ...]]:
    """Every TLD in ``x_tlds.txt``, and their lengths longest first."""
    text = files("civickit.materials").joinpath("x_tlds.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    every = frozenset(line for line in lines if line and line[0] not in "#[")
    return every, tuple(sorted({len(tld) for tld in every}, reverse=True))


def _tld_at(text: str, start: int, stop: int) -> int:
    """Length of the TLD that opens ``text[start:stop]`` and ends at a boundary, else 0."""
    every, lengths = _tlds()
    for length in lengths:
        end = start + length
        if end <= stop and text[start:end].lower() in every and not _joins_tld(text, end):
            return length
    punycode = _PUNYCODE_TLD.match(text, start, stop)
    return punycode.end() - start if punycode else 0


def _joins_tld(text: str, end: int) -> bool:
    """True when the character at ``end`` would continue a TLD (so it is no TLD there)."""
    return end < len(text) and (text[end] in _ALNUM or text[end] in "@+-")


class _Domains:
    """Every place a domain can start, precomputed once per text so scanning stays linear.

    A domain is labels joined by single dots: subdomains (which may hold ``_``), then a domain
    name, then a TLD opening the next label. Each label starts and ends with a domain character.
    Where several splits fit, the one with the most subdomains wins (twitter-text's greedy rule).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        spans = [m.span() for m in _LABEL_RUN.finditer(text)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        count = len(spans)
        self.linked = [
            i + 1 < count and self.starts[i + 1] == self.ends[i] + 1 and text[self.ends[i]] == "."
            for i in range(count)
        ]
        self.tld = [0] * count
        # best[i]: the furthest domain-name label j >= i reachable from label i through valid
        # subdomains, whose next label opens with a TLD; -1 where there is none.
        self.best = [-1] * count
        for i in range(count - 1, -1, -1):
            if i and self.linked[i - 1]:
                self.tld[i] = _tld_at(text, self.starts[i], self.ends[i])
            if not self._sub_ok(i, self.starts[i]):
                continue
            if self.linked[i] and self.best[i + 1] >= 0:
                self.best[i] = self.best[i + 1]
            elif self.linked[i] and self.tld[i + 1] and self._name_ok(i, self.starts[i]):
                self.best[i] = i

    def _sub_ok(self, index: int, start: int) -> bool:
        edges = (self.text[start], self.text[self.ends[index] - 1])
        return all(ch not in "-_" for ch in edges)

    def _name_ok(self, index: int, start: int) -> bool:
        return self._sub_ok(index, start) and "_" not in self.text[start : self.ends[index]]

    def end_of_domain(self, start: int) -> int | None:
        """Where the domain that starts at ``start`` ends, or None when none starts there."""
        index = bisect.bisect_right(self.starts, start) - 1
        if index < 0 or start >= self.ends[index] or self.text[start] in "-_":
            return None
        if not self.linked[index] or not self._sub_ok(index, start):
            return None
        name = self.best[index + 1]
        if name < 0:
            if not (self.tld[index + 1] and self._name_ok(index, start)):
                return None
            name = index
        return self.starts[name + 1] + self.tld[name + 1]


def _path_end(text: str, start: int) -> int:
    """End of the URL path whose ``/`` is at ``start``.

    The path runs over path characters and balanced ``(...)`` groups, up to its last ending
    character; balanced groups right after that end are kept too (twitter-text's grammar).
    """
    position = start + 1
    end = position
    groups_from_end = True
    while position < len(text):
        if _PATH_CHAR.match(text, position):
            position += 1
            if _PATH_END.match(text, position - 1):
                end, groups_from_end = position, True
            else:
                groups_from_end = False
        elif parens := _PARENS.match(text, position):
            position = close = parens.end()
            if groups_from_end:
                end = close
        else:
            break
    return end


def utf16_length(text: str) -> int:
    """Number of UTF-16 code units, what JavaScript's ``String.length`` reports."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _valid_length(url: str, protocol: str, domain: str) -> bool:
    """twitter-text's ``isValidUrl``: every label 1 to 63 characters as punycode; 4,096 at most."""
    if domain.startswith("xn--") and not _ascii_domains(domain):
        return False
    for label in domain.split("."):
        if not label or len(label) > _MAX_LABEL:
            return False
        if not label.isascii() and len(label.encode("punycode")) + 4 > _MAX_LABEL:
            return False
    return len(protocol or "https://") + utf16_length(url) <= _MAX_URL


def find_urls(text: str, *, without_protocol: bool = True) -> list[tuple[int, int]]:
    """The (start, end) of every URL X would link in ``text``, in order.

    ``without_protocol=False`` keeps only URLs written with ``http://`` or ``https://``.
    """
    return [(start, end) for start, end, _ in _links(text, without_protocol=without_protocol)]


def _links(text: str, *, without_protocol: bool) -> list[tuple[int, int, int]]:
    """Each URL's (start, end, UTF-16 length of the URL as twitter-text reports it).

    The scan follows the reference's matching order: at each position the character there is
    the one before a URL that starts right after it (or, outside the BMP, inside it: the
    reference matches UTF-16 units). For a URL without protocol whose domain is only partly
    ASCII the reported URL is the ASCII domain plus the path, shorter than the span; the
    reference counts past the URL by that length.
    """
    domains = _Domains(text)
    found: list[tuple[int, int, int]] = []
    before = 0
    while before < len(text):
        match = _url_after(text, before, domains)
        if match is None:
            before += 1
            continue
        start, shown_before, protocol, host, host_end = match
        end, has_path = _url_tail(text, host_end)
        url = text[start:end]
        tco = _TCO.match(url)
        # A t.co slug longer than 40 is no link X makes.
        if _valid_length(url, protocol, text[host:host_end]) and not (
            tco and len(tco.group(1)) > _MAX_TCO_SLUG
        ):
            if protocol:
                stop = start + tco.end() if tco else end
                found.append((start, stop, utf16_length(text[start:stop])))
            elif without_protocol and shown_before not in _NOT_BEFORE_BARE:
                found.extend(_ascii_links(text, host, host_end, end if has_path else None))
        before = end
    return found


def _url_after(text: str, before: int, domains: _Domains) -> tuple[int, str, str, int, int] | None:
    """The first URL the reference finds with ``text[before]`` as the character before it.

    Returns (start, the character it sees before, protocol, host start, host end).
    """
    char = text[before]
    if char > "\uffff":  # the first half, then the second half of it precede a URL
        attempts = [(before, "\ud800"), (before + 1, "\udc00")]
    else:
        attempts = [] if char in _NOT_BEFORE else [(before + 1, char)]
        attempts += [(0, "")] if before == 0 else []
    for start, shown_before in attempts:
        protocol = _PROTOCOL.match(text, start)
        host = protocol.end() if protocol else start
        host_end = domains.end_of_domain(host) if host < len(text) else None
        if host_end is not None:
            return start, shown_before, protocol.group() if protocol else "", host, host_end
    return None


def _ascii_links(
    text: str, host: int, host_end: int, path_end: int | None
) -> list[tuple[int, int, int]]:
    """The links in a URL written without protocol: the ASCII domains inside its domain.

    Each is placed where its text first occurs from the previous one on, as the reference does;
    the last one takes the port, path and query when there is a path.
    """
    domain = text[host:host_end]
    links: list[tuple[int, int, int]] = []
    after = 0
    for start, end in _ascii_domains(domain):
        name = domain[start:end]
        first = domain.find(name, after)
        after = first + len(name)
        links.append((host + first, host + after, utf16_length(name)))
    if links and path_end is not None:
        first, _, length = links[-1]
        links[-1] = (first, path_end, length + utf16_length(text[host_end:path_end]))
    return links


def _url_tail(text: str, position: int) -> tuple[int, bool]:
    """End of the port, path and query after a domain ending at ``position``; whether a path."""
    if port := _PORT.match(text, position):
        position = port.end()
    has_path = text.startswith("/", position)
    if has_path:
        position = _path_end(text, position)
    query = _QUERY_AT.match(text, position)
    return (query.end() if query else position), has_path


def _ascii_domains(domain: str) -> list[tuple[int, int]]:
    """The (start, end) of each ASCII-only domain inside ``domain``, left to right."""
    found: list[tuple[int, int]] = []
    position = 0
    while position < len(domain):
        label_ends = []
        cursor = position
        while (label := _ASCII_LABEL.match(domain, cursor)) and domain.startswith(".", label.end()):
            label_ends.append(label.end())
            cursor = label.end() + 1
        # The most labels win: the last dot followed by a TLD ends the domain.
        tld = next(
            (
                (dot + 1, length)
                for dot in reversed(label_ends)
                if (length := _tld_at(domain, dot + 1, len(domain)))
            ),
            None,
        )
        if tld is None:
            position = max(cursor, position + 1)
            continue
        found.append((position, tld[0] + tld[1]))
        position = tld[0] + tld[1]
    return found


def count_x(text: str, config: XConfig = V3) -> XCount:
    """twitter-text's ``parseTweet``: weighted length, validity and ranges of ``text``."""
    normal = unicodedata.normalize("NFC", text)
    # Where an entity starts: (UTF-16 units it covers, its weight).
    entities: dict[int, tuple[int, int]] = {}
    if config.url_length > 0:
        url_weight = config.url_length * config.scale
        entities.update(
            (start, (units, url_weight))
            for start, _, units in _links(normal, without_protocol=True)
        )
    if config.emoji_parsing:
        for match in _EMOJI.finditer(normal):
            entities.setdefault(match.start(), (utf16_length(match.group()), config.default_weight))
    limit = config.max_length * config.scale
    weight = valid_end = units = 0
    valid = True
    index = 0
    while index < len(normal):
        if index in entities:
            covered, cost = entities[index]
            end = _advance(normal, index, covered)
        else:
            end, cost = index + 1, _weight(normal[index], config)
        units += utf16_length(normal[index:end])
        valid = valid and normal[end - 1] not in INVALID_CHARACTERS
        weight += cost
        if valid and weight <= limit:
            valid_end = units - 1
        index = end
    length = -(-weight // config.scale)
    offset = utf16_length(text) - units
    return XCount(
        weighted_length=length,
        valid=valid and 0 < length <= config.max_length,
        permillage=weight * 1000 // limit,
        display_range=(0, max(utf16_length(text) - 1, 0)),
        valid_range=(0, valid_end + offset),
    )


def _advance(text: str, start: int, units: int) -> int:
    """Index after the code points from ``start`` that fit in ``units`` UTF-16 units, or one."""
    end = start
    while end < len(text) and units >= (size := 2 if text[end] > "\uffff" else 1):
        units -= size
        end += 1
    return max(end, start + 1)


def _weight(char: str, config: XConfig) -> int:
    """Weight of one code point; outside the BMP, that of its first UTF-16 unit."""
    point = ord(char)
    if point > 0xFFFF:
        point = 0xD800 + ((point - 0x10000) >> 10)
    for first, last, weight in config.ranges:
        if first <= point <= last:
            return weight
    return config.default_weight
