"""The Jinja2 environment: template search path, sandboxed strict rendering, ``file:line`` errors.

Campaign folders and ``--template-dir`` folders are shared between organisers, so every template,
built-in or not, renders in Jinja2's immutable sandbox: no attribute that starts with ``_``, no
changing of the data handed in, only civickit's filters and a few harmless globals. A template is
read only from inside its own folder (a symlink that leads out is refused), and a render that raises
or runs past its time budget becomes a one-line ``file:line: message`` error.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox

from civickit.core.dates import DateWords
from civickit.errors import TemplateRenderError, UsageError
from civickit.materials.block_cache import BlockCache
from civickit.materials.filters import FILTERS, localised_date_filters

#: The built-in templates, shipped as package data beside this module.
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def template_search_path(
    template_dir: Path | None = None, campaign_templates: Path | None = None
) -> list[Path]:
    """Folders searched for templates, first match wins: user dir, campaign, built-in."""
    path: list[Path] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise UsageError(
                f"--template-dir {template_dir}: no such folder; create it or fix the path"
            )
        path.append(template_dir)
    if campaign_templates is not None and campaign_templates.is_dir():
        path.append(campaign_templates)
    path.append(TEMPLATES_DIR)
    return path


#: The prefix that names an English template from another language's (``en/letter_base.txt``).
ENGLISH_FOLDER = "en"

#: How long one template render may take before it is stopped as runaway.
RENDER_SECONDS = 10.0


class TemplateTimeoutError(Exception):
    """A template ran past :data:`RENDER_SECONDS`."""


class FolderLoader(jinja2.BaseLoader):
    """Templates from ``folders``, first match wins, each read only from inside its own folder.

    Unlike ``FileSystemLoader`` this refuses a file that is, or lies behind, a symbolic link leading
    out of its folder, so a shared campaign cannot pull ``/etc/passwd`` into a letter.
    """

    def __init__(self, folders: Sequence[Path], language: str | None = None) -> None:
        self.folders = [Path(folder) for folder in folders]
        # A language's own templates (``es/letter_base.txt``) come first, in every folder,
        # then the English ones of the same name; ``en/letter_base.txt`` names the English one
        # (a language's template extends it and changes only its words).
        self.language = language

    def _candidates(self, template: str) -> Iterator[tuple[Path, Path]]:
        pieces = jinja2.loaders.split_template_path(template)  # refuses '..'
        if pieces[0] == ENGLISH_FOLDER and len(pieces) > 1:  # "en/x": the English template x
            pieces = pieces[1:]
        elif self.language and pieces[0] != self.language:
            for folder in self.folders:
                yield folder, folder.joinpath(self.language, *pieces)
        for folder in self.folders:
            yield folder, folder.joinpath(*pieces)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        for folder, candidate in self._candidates(template):
            if not candidate.is_file():
                continue
            real = candidate.resolve()
            if not real.is_relative_to(folder.resolve()):
                raise TemplateRenderError(
                    f"{candidate}: template leads outside its folder (to {real}); "
                    "copy the file into the folder instead of linking it"
                )
            try:
                source = real.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise TemplateRenderError(
                    f"{candidate}: byte {exc.start} is not UTF-8; save the template as UTF-8"
                ) from exc
            mtime = real.stat().st_mtime

            def uptodate(path: Path = real, seen: float = mtime) -> bool:
                try:
                    return path.stat().st_mtime == seen
                except OSError:
                    return False

            return source, str(candidate), uptodate
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for folder in self.folders:
            if not folder.is_dir():
                continue
            for dirpath, _dirs, files in os.walk(folder):
                for filename in files:
                    relative = Path(dirpath, filename).relative_to(folder)
                    names.add(relative.as_posix())
        return sorted(names)


class CivickitSandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The immutable sandbox with a time budget checked on every call, loop step and operator."""

    intercepted_binops = frozenset({"*", "**", "+"})

    deadline: float = float("inf")
    block_cache: BlockCache | None = None  # see enable_block_cache

    def _check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateTimeoutError(f"template ran longer than {RENDER_SECONDS:g} s; stopped")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self._check_time()
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self._check_time()
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self._check_time()
        return super().getattr(obj, attribute)

    def checked_range(self, *args: int) -> Iterator[int]:
        """``range`` for templates: bounded in size by the sandbox and in time by the budget."""
        for number in jinja2.sandbox.safe_range(*args):
            self._check_time()
            yield number


def make_environment(
    search_path: Sequence[Path], language: str | None = None, dates: DateWords | None = None
) -> jinja2.Environment:
    """A strict, sandboxed environment over ``search_path`` with civickit's filters registered.

    ``language`` finds that language's templates first (``es/letter_base.txt``); ``dates``
    words the ``date_text`` and ``date_phrase`` filters in it."""
    env = CivickitSandbox(
        loader=FolderLoader(search_path, language),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "svg"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Only harmless helpers: no cycler/joiner/lipsum objects whose internals a template could probe.
    env.globals = {"range": env.checked_range, "namespace": jinja2.utils.Namespace}
    env.filters.update(FILTERS)
    if dates is not None:
        env.filters.update(localised_date_filters(dates))
    return env


def enable_block_cache(env: jinja2.Environment) -> None:
    """Render the blocks many renders share once (``materials/block_cache.py``): for a batch,
    whose letters to one office differ only in their sender's parts. Output is unchanged."""
    if isinstance(env, CivickitSandbox) and env.block_cache is None:
        env.block_cache = BlockCache(env)


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render ``name``; any template failure becomes a ``TemplateRenderError`` naming file:line."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise UsageError(
            f"no template {exc.name!r}; see 'civickit templates list' for the ones there are"
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateRenderError(
            f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}"
        ) from exc
    return render_loaded(env, template, context)


def render_loaded(
    env: jinja2.Environment, template: jinja2.Template, context: Mapping[str, Any]
) -> str:
    """Render an already loaded template within the time budget, errors as ``file:line``."""
    sandbox = env if isinstance(env, CivickitSandbox) else None
    if sandbox is not None:
        sandbox.deadline = time.monotonic() + RENDER_SECONDS
    cache = sandbox.block_cache if sandbox is not None else None
    try:
        return cache.render(template, context) if cache else template.render(**context)
    except jinja2.TemplateNotFound as exc:
        raise UsageError(
            f"{template.filename}: no template {exc.name!r} to include; "
            "see 'civickit templates list'"
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateRenderError(
            f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}"
        ) from exc
    except (TemplateRenderError, UsageError):
        raise
    except jinja2.UndefinedError as exc:
        location = _error_location(exc, template.filename or str(template.name))
        raise TemplateRenderError(f"{location}: {exc.message}") from exc
    except jinja2.exceptions.SecurityError as exc:
        location = _error_location(exc, template.filename or str(template.name))
        raise TemplateRenderError(f"{location}: not allowed in a template: {exc}") from exc
    except (TemplateTimeoutError, RecursionError, MemoryError) as exc:
        location = _error_location(exc, template.filename or str(template.name))
        reason = (
            str(exc)
            if isinstance(exc, TemplateTimeoutError)
            else "template recursed or grew too deep"
        )
        raise TemplateRenderError(f"{location}: {reason}") from exc
    except Exception as exc:  # a template's own arithmetic or filter misuse
        location = _error_location(exc, template.filename or str(template.name))
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TemplateRenderError(f"{location}: {type(exc).__name__}: {message}") from exc
    finally:
        if sandbox is not None:
            sandbox.deadline = float("inf")


_TEMPLATE_SUFFIXES = (".j2", ".html", ".txt", ".md", ".jinja", ".eml")


def _error_location(exc: BaseException, fallback: str) -> str:
    """``file:line`` of the innermost template frame in the traceback of ``exc``."""
    location = fallback
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(_TEMPLATE_SUFFIXES) or "template" in filename:
            location = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return location
