"""Render the shared parts of many letters once: a cache of rendered template blocks.

The letters of a batch share most of their text: the facts, the ask, the sources, the office's
opening and closing are the same for every supporter writing to one office; only the sender's
lines, the story and the signature differ. ``BlockCache`` renders a template as Jinja2 does, but
a ``{% block %}`` whose output can depend only on the variables it names is rendered once per
distinct value of those variables and reused, so every letter stays byte for byte what a plain
render makes (the key holds everything the block reads).

A block is cached only when that is provably safe: it names its inputs (no ``super()``,
``self``, ``caller``, nested blocks, includes, imports, namespace assignments, or filters and
tests that read the whole context), and each input is plain data (strings, numbers, dates,
lists and dicts of them, frozen dataclasses) or an object kept alive by the cache and keyed by
identity. A block whose inputs change with every letter (the sender's lines) stops being cached
after a few misses, so it costs nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.runtime import Context, Macro
from jinja2.utils import missing

#: Rendered blocks kept (least recently used dropped first): a few per office and format.
MAX_ENTRIES = 4096
#: Calls after which a block that hit less than a third of the time is no longer cached.
TRIAL_CALLS = 24

_UNSAFE_NODES = (
    nodes.Block,
    nodes.Include,
    nodes.Import,
    nodes.FromImport,
    nodes.Extends,
    nodes.NSRef,
    nodes.ContextReference,
    nodes.DerivedContextReference,
    nodes.EvalContextModifier,
    nodes.ExtensionAttribute,
    nodes.InternalName,
)
_UNSAFE_NAMES = frozenset({"super", "self", "caller", "varargs", "kwargs"})
_PLAIN = (str, int, float, bool, type(None), dt.date, dt.datetime)

BlockFunction = Callable[[Context], Iterator[str]]


class _UncacheableError(Exception):
    """An input of a block that cannot be part of a key."""


class BlockCache:
    """Rendered blocks of one environment's templates, keyed by what each block reads."""

    def __init__(self, env: jinja2.Environment, max_entries: int = MAX_ENTRIES) -> None:
        self.env = env
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple[Any, ...], tuple[str, list[Any]]] = OrderedDict()
        self._inputs: dict[BlockFunction, tuple[str, ...] | None] = {}
        self._calls: dict[BlockFunction, list[int]] = {}  # [calls, hits]
        self._wrappers: dict[BlockFunction, BlockFunction] = {}

    def render(self, template: jinja2.Template, context: Mapping[str, Any]) -> str:
        """``template.render(**context)``, with its cacheable blocks taken from the cache."""
        ctx = template.new_context(dict(context))
        # A parent template's blocks join ``ctx.blocks`` only when its ``{% extends %}`` runs,
        # so each block is looked at when the render asks for it.
        ctx.blocks = _Blocks(self, ctx.blocks)
        try:
            return self.env.concat(template.root_render_func(ctx))
        except Exception:
            self.env.handle_exception()  # raises it again with the template's file and line

    def first(self, functions: list[BlockFunction]) -> None:
        """Replace the block that renders (``functions[0]``) by its cached version, if worth it."""
        function = functions[0]
        if function in self._wrappers.values() or not self._worth_caching(function):
            return
        wrapper = self._wrappers.get(function)
        if wrapper is None:
            wrapper = self._wrappers[function] = self._cached(function)
        functions[0] = wrapper

    # -- which blocks -------------------------------------------------------------------------

    def _worth_caching(self, function: BlockFunction) -> bool:
        if self.inputs(function) is None:
            return False
        calls, hits = self._calls.setdefault(function, [0, 0])
        return calls < TRIAL_CALLS or hits * 3 >= calls

    def inputs(self, function: BlockFunction) -> tuple[str, ...] | None:
        """The variables the block ``function`` reads, or None when it must not be cached."""
        if function not in self._inputs:
            self._inputs[function] = self._analyse(function)
        return self._inputs[function]

    def _analyse(self, function: BlockFunction) -> tuple[str, ...] | None:
        template_name = function.__globals__.get("name")
        block_name = function.__name__.removeprefix("block_")
        if not isinstance(template_name, str) or self.env.loader is None:
            return None
        try:
            source, _, _ = self.env.loader.get_source(self.env, template_name)
            tree = self.env.parse(source)
        except jinja2.TemplateError:
            return None
        block = next((b for b in tree.find_all(nodes.Block) if b.name == block_name), None)
        if block is None or block.scoped or not self._safe(block):
            return None
        names = {n.name for n in block.find_all(nodes.Name) if n.ctx == "load"}
        return tuple(sorted(names))

    def _safe(self, block: nodes.Block) -> bool:
        for body in block.body:
            if isinstance(body, _UNSAFE_NODES) or any(body.find_all(_UNSAFE_NODES)):
                return False
        if any(n.name in _UNSAFE_NAMES for n in block.find_all(nodes.Name)):
            return False
        for node in block.find_all((nodes.Filter, nodes.Test)):
            table = self.env.filters if isinstance(node, nodes.Filter) else self.env.tests
            function = table.get(node.name)
            if function is None or getattr(function, "jinja_pass_arg", None) is not None:
                return False
        return True

    # -- the cache ------------------------------------------------------------------------------

    def _cached(self, function: BlockFunction) -> BlockFunction:
        names = self.inputs(function) or ()
        counts = self._calls[function]

        def block(context: Context) -> Iterator[str]:
            keep: list[Any] = []
            try:
                key = (function, *(self._key(context.resolve_or_missing(n), keep) for n in names))
            except _UncacheableError:
                yield from function(context)
                return
            counts[0] += 1
            found = self.entries.get(key)
            if found is not None:
                counts[1] += 1
                self.entries.move_to_end(key)
                yield found[0]
                return
            text = self.env.concat(function(context))
            self.entries[key] = (text, keep)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
            yield text

        return block

    def _key(self, value: Any, keep: list[Any]) -> Any:
        """A hashable stand-in for ``value``, equal only for values a block renders alike."""
        if value is missing:  # a name the block sets itself (a loop variable)
            return "missing"
        if isinstance(value, _PLAIN):
            return (type(value), value)
        if isinstance(value, list | tuple):
            return (type(value), tuple(self._key(item, keep) for item in value))
        if isinstance(value, dict):
            return (dict, tuple((self._key(k, keep), self._key(v, keep)) for k, v in value.items()))
        if isinstance(value, Macro | jinja2.Undefined):
            raise _UncacheableError
        if callable(value) and not _is_global(self.env, value):
            raise _UncacheableError
        params = getattr(type(value), "__dataclass_params__", None)
        if params is not None and params.frozen:
            try:
                hash(value)
            except TypeError:
                pass
            else:
                return (type(value), value)
        keep.append(value)  # alive while its entry is, so its id cannot be reused meanwhile
        return ("id", id(value))


class _Blocks(dict[str, list[BlockFunction]]):
    """A context's blocks; the one to render (``[0]``) is swapped for its cached version."""

    def __init__(self, cache: BlockCache, blocks: dict[str, list[BlockFunction]]) -> None:
        super().__init__(blocks)
        self.cache = cache

    def __getitem__(self, name: str) -> list[BlockFunction]:
        functions = super().__getitem__(name)
        if functions:
            self.cache.first(functions)
        return functions


def _is_global(env: jinja2.Environment, value: Any) -> bool:
    return any(value is item for item in env.globals.values())
