"""The Jinja2 environment: template search path, strict rendering, errors as ``file:line``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from civickit.errors import TemplateRenderError, UsageError
from civickit.materials.filters import FILTERS

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


def make_environment(search_path: Sequence[Path]) -> jinja2.Environment:
    """A strict environment over ``search_path`` with civickit's filters registered."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path]),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "svg"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render ``name``; a template error becomes a ``TemplateRenderError`` naming file:line."""
    try:
        template = env.get_template(name)
        return template.render(**context)
    except jinja2.TemplateNotFound as exc:
        raise UsageError(
            f"no template {exc.name!r}; see 'civickit templates list' for the ones there are"
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateRenderError(
            f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}"
        ) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateRenderError(f"{_error_location(exc, name)}: {exc.message}") from exc


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
