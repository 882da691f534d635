"""Reading a campaign's targeting and variants: ``applies`` tables and lists of phrasings.

Each reader returns what it could read and appends a one-line problem per mistake to the list
it is given, so :mod:`civickit.campaign.validation` can report every problem at once.
"""

from __future__ import annotations

from typing import Any

from civickit.campaign.records import APPLIES_KEYS, AUDIENCES, ROLES, Applies, Condition, Phrase
from civickit.core.states import state_code

APPLIES_EXAMPLE = 'applies = {level = ["state"], state = ["CA"]}'
# The names a letter's openings and closings may use (the letter's template context has them).
PHRASE_NAMES = frozenset(
    {"ask", "chamber", "constituency", "official", "role", "sender", "state_name", "title"}
)


def read_applies(value: Any, label: str, problems: list[str]) -> Applies | None:
    """The ``applies`` of an entry: a table, or a list of tables of which any may match."""
    if value is None:
        return None
    tables = value if isinstance(value, list) else [value]
    if not tables or not all(isinstance(table, dict) for table in tables):
        problems.append(f"{label}: applies must be a table such as {APPLIES_EXAMPLE}")
        return None
    conditions = [_condition(table, label, problems) for table in tables]
    kept = tuple(c for c in conditions if c is not None)
    return Applies(kept) if kept and len(kept) == len(conditions) else None


def _condition(table: dict[str, Any], label: str, problems: list[str]) -> Condition | None:
    before = len(problems)
    for key in table:
        if key not in APPLIES_KEYS:
            problems.append(f"{label}: unknown applies key {key!r}; use {', '.join(APPLIES_KEYS)}")
    if not table:
        problems.append(f"{label}: empty applies table; give {', '.join(APPLIES_KEYS)}")
    values = {key: _words(table.get(key), key, label, problems) for key in APPLIES_KEYS}
    for level in values["level"]:
        if level not in AUDIENCES:
            problems.append(f"{label}: applies level {level!r}; use {', '.join(AUDIENCES)}")
    for role in values["role"]:
        if role not in ROLES:
            problems.append(f"{label}: applies role {role!r}; use {', '.join(ROLES)}")
    states = []
    for state in values["state"]:
        code = state_code(state)
        if code is None or code != state.upper():
            hint = f"write {code!r}" if code else "use a USPS code such as 'CA'"
            problems.append(f"{label}: applies state {state!r}: {hint}")
        states.append(code or state)
    if len(problems) > before:
        return None
    return Condition(
        level=frozenset(values["level"]),
        state=frozenset(states),
        role=frozenset(values["role"]),
        place=tuple(values["place"]),
    )


def _words(value: Any, key: str, label: str, problems: list[str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f'{label}: applies {key} must be a list of words such as ["{key}"]')
        return []
    return [v.strip() for v in value]


def read_phrasings(value: Any, label: str, problems: list[str]) -> tuple[str, ...]:
    """An ask's ``phrasings``: a list of non-empty texts."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f'{label}: phrasings must be a list of texts such as ["Please ..."]')
        return ()
    texts = tuple(" ".join(v.split()) for v in value)
    if len(set(texts)) < len(texts):
        problems.append(f"{label}: phrasings repeat a text; give each phrasing once")
    return texts


def read_phrases(value: Any, label: str, problems: list[str]) -> tuple[Phrase, ...]:
    """``[letter]`` openings or closings: texts, or tables of ``text`` and ``applies``."""
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(f'{label}: write a list such as ["I am writing ...", ...]')
        return ()
    phrases = []
    for index, entry in enumerate(value, start=1):
        where = f"{label} #{index}"
        item = {"text": entry} if isinstance(entry, str) else entry
        if not isinstance(item, dict):
            problems.append(f'{where}: write a text or {{text = "...", {APPLIES_EXAMPLE}}}')
            continue
        for key in item.keys() - {"text", "applies"}:
            problems.append(f"{where}: unknown field {key!r}; allowed: applies, text")
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: missing field 'text'; add text = \"...\"")
            continue
        syntax = _template_problem(text)
        if syntax:
            problems.append(f"{where}: {syntax}")
            continue
        applies = read_applies(item.get("applies"), where, problems)
        phrases.append(Phrase(" ".join(text.split()), applies))
    return tuple(phrases)


def _template_problem(text: str) -> str | None:
    """What is wrong with the Jinja2 text of a phrasing: its syntax, or a name a letter does
    not have (``PHRASE_NAMES``)."""
    import jinja2
    import jinja2.meta

    env = jinja2.Environment(autoescape=True)
    try:
        parsed = env.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        return f"template syntax: {exc.message}"
    unknown = sorted(jinja2.meta.find_undeclared_variables(parsed) - PHRASE_NAMES)
    if unknown:
        return f"unknown name {unknown[0]!r}; use {', '.join(sorted(PHRASE_NAMES))}"
    return None
