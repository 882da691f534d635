"""The templates a campaign can use: list, show, copy and check them.

Templates are found in order in ``--template-dir``, the campaign's ``templates/`` folder and the
built-in ``letter_templates/``; the first file of a name wins. ``check_templates`` renders each
template with ``StrictUndefined`` and reports every failure as ``file:line: message``: letters and
call scripts against sample officials of every office type, the fact sheet against the campaign,
and social posts for every platform.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from civickit.campaign import Campaign
from civickit.core.districts import District
from civickit.core.officials import Address, Official
from civickit.errors import CivickitError, TemplateRenderError, UsageError
from civickit.files import refuse_existing, write_atomically
from civickit.materials import render
from civickit.materials.letters import CALLSCRIPT_TEMPLATE, LetterRenderer, Sender
from civickit.materials.render import _error_location

TEMPLATE_EXTENSIONS = frozenset({"txt", "md", "html", "eml", "j2", "jinja", "xml", "svg", "csv"})
# Templates of other kinds (fact sheets, posts) that a letter context cannot render.
OTHER_KINDS = ("factsheet", "social", "post", "batch", "digest", "page")
FACTSHEET_TEMPLATES = frozenset({"factsheet.html", "factsheet.md"})
SOCIAL_TEMPLATE_PREFIX = "social_post"
SAMPLE_DATE = dt.date(2026, 11, 26)


@dataclass(frozen=True)
class TemplateInfo:
    """One template file on the search path."""

    name: str
    path: Path
    origin: str  # "template-dir", "campaign" or "built-in"
    shadowed: bool = False  # a file of the same name earlier on the path wins

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "name": self.name,
            "origin": self.origin,
            "path": str(self.path),
            "shadowed": self.shadowed,
        }


@dataclass
class CheckReport:
    """What ``check_templates`` rendered and every problem it met."""

    checked: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    samples: int = 0


def search_folders(campaign: Campaign, template_dir: Path | None = None) -> list[tuple[str, Path]]:
    """``(origin, folder)`` pairs in search order; folders that do not exist are left out."""
    folders: list[tuple[str, Path]] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise UsageError(f"{template_dir}: no such folder; create it or fix the path")
        folders.append(("template-dir", template_dir))
    if campaign.templates_dir.is_dir():
        folders.append(("campaign", campaign.templates_dir))
    folders.append(("built-in", render.TEMPLATES_DIR))
    return folders


def _template_files(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and path.suffix.lstrip(".") in TEMPLATE_EXTENSIONS
        and not path.name.startswith(".")
    )


def list_templates(campaign: Campaign, template_dir: Path | None = None) -> list[TemplateInfo]:
    """Every template on the search path, in name order, the winning file of a name first."""
    seen: set[str] = set()
    found: list[TemplateInfo] = []
    for origin, folder in search_folders(campaign, template_dir):
        for path in _template_files(folder):
            found.append(TemplateInfo(path.name, path, origin, shadowed=path.name in seen))
            seen.add(path.name)
    return sorted(found, key=lambda info: (info.name, info.shadowed))


def find_template(
    campaign: Campaign, name: str, template_dir: Path | None = None
) -> list[TemplateInfo]:
    """The winning file(s) for ``name``: one exact file, or each format of a bare name."""
    winners = [info for info in list_templates(campaign, template_dir) if not info.shadowed]
    exact = [info for info in winners if info.name == name]
    if exact:
        return exact
    by_stem = [info for info in winners if info.name.rpartition(".")[0] == name]
    if by_stem:
        return by_stem
    raise UsageError(f"no template {name!r}; see 'civickit templates list' for the ones there are")


def copy_template(
    campaign: Campaign,
    name: str,
    destination: Path,
    template_dir: Path | None = None,
    *,
    force: bool = False,
) -> list[Path]:
    """Copy template ``name`` (each format of a bare name) into ``destination`` to edit.

    Refuses, before copying anything, when a file of that name is already there (``force``
    replaces it).
    """
    sources = find_template(campaign, name, template_dir)
    targets = [destination / info.name for info in sources]
    refuse_existing(targets, force=force, instead="another folder")
    destination.mkdir(parents=True, exist_ok=True)
    for info, target in zip(sources, targets, strict=True):
        write_atomically(target, info.path.read_bytes())
    return targets


# --------------------------------------------------------------------------- checking


def sample_officials() -> list[Official]:
    """One official of every office type and title a letter can address, for checks."""
    dc = Address(
        "Washington Office", ("1 Sample Building",), "Washington", "DC", "20515", "202-555-0100"
    )
    capitol = Address(
        "Capitol Office", ("1 Capitol Mall",), "Sacramento", "CA", "95814", "916-555-0100"
    )
    return [
        Official(
            "Ana Sample",
            "us-senate",
            "Senator",
            "CA",
            capitol_office=dc,
            email="senator@example.org",
        ),
        Official(
            "Ben Sample",
            "us-house",
            "Representative",
            "CA",
            District("CA", "cd", "12"),
            capitol_office=dc,
        ),
        Official(
            "Cleo Sample",
            "us-house",
            "Delegate",
            "DC",
            District("DC", "cd", "0"),
            capitol_office=dc,
        ),
        Official(
            "Dario Sample", "us-house", "Resident Commissioner", "PR", District("PR", "cd", "0")
        ),
        Official(
            "Eve Sample",
            "state-upper",
            "Senator",
            "NY",
            District("NY", "sldu", "2"),
            capitol_office=capitol,
        ),
        Official(
            "Finn Sample",
            "state-lower",
            "Assemblymember",
            "CA",
            District("CA", "sldl", "4"),
            capitol_office=capitol,
        ),
        Official("Gia Sample", "state-lower", "Delegate", "MD", District("MD", "sldl", "3A")),
        Official("Hal Sample", "state-lower", "Representative", "TX", District("TX", "sldl", "5")),
        Official("", "other", "", "CA", organisation="Sample City Council"),
        Official("Ivy Sample", "other", "Chief Executive Officer", "", organisation="Sample Corp"),
    ]


SAMPLE_SENDER = Sender(
    name="Sam Writer",
    address="1 Main St\nSpringfield, IL 62701",
    email="sam@example.org",
    phone="217-555-0100",
    story="A sample paragraph of a personal story.",
)


def _kind(name: str, in_user_dir: bool) -> str | None:
    if name.startswith(CALLSCRIPT_TEMPLATE):
        return "callscript"
    if name in FACTSHEET_TEMPLATES:
        return "factsheet"
    if name.startswith(SOCIAL_TEMPLATE_PREFIX) and name.endswith(".txt"):
        return "social"
    if name.startswith("letter") or (in_user_dir and not name.startswith(OTHER_KINDS)):
        return "letter"
    return None


def check_templates(campaign: Campaign, folder: Path | None = None) -> CheckReport:
    """Render every template: letters and call scripts against every sample official, the
    fact sheet against the campaign, social posts for every platform.

    With ``folder``, the templates in that folder (it is searched first, so they may extend
    the built-in ones); without, every template on the campaign's search path.
    """
    renderer = LetterRenderer(campaign, template_dir=folder, as_of=SAMPLE_DATE)
    officials = sample_officials()
    report = CheckReport(samples=len(officials))
    infos = list_templates(campaign, folder)
    if folder is not None:
        infos = [info for info in infos if info.origin == "template-dir"]
    for info in infos:
        if info.shadowed or info.name.startswith("_"):
            continue
        kind = _kind(info.name, info.origin == "template-dir")
        if kind is None:
            report.skipped.append(info.name)
            continue
        report.checked.append(info.name)
        jobs = _JOBS[kind](renderer, info.name, folder)
        for job in jobs:
            problem = _attempt(job, info.name)
            if problem and problem not in report.problems:
                report.problems.append(problem)
    return report


def _letter_jobs(
    renderer: LetterRenderer, name: str, _folder: Path | None
) -> list[Callable[[], object]]:
    return [partial(_render_letter, renderer, name, official) for official in sample_officials()]


def _render_letter(renderer: LetterRenderer, name: str, official: Official) -> str:
    context = renderer.context(official, SAMPLE_SENDER, date=SAMPLE_DATE)
    return render.render_template(renderer.env, name, context)


def _script_jobs(
    renderer: LetterRenderer, name: str, _folder: Path | None
) -> list[Callable[[], object]]:
    scripts = [renderer.callscript(official, SAMPLE_SENDER) for official in sample_officials()]
    context = {"scripts": scripts, "campaign": renderer.campaign}
    return [partial(render.render_template, renderer.env, name, context)]


def _factsheet_jobs(
    renderer: LetterRenderer, name: str, folder: Path | None
) -> list[Callable[[], object]]:
    from civickit.materials import factsheet, pagefit

    campaign = renderer.campaign
    sheet = factsheet.build_factsheet(
        campaign,
        action_url=campaign.action_url or "https://example.org/act",
        org="Sample Organisation",
        generated=SAMPLE_DATE,
    )
    if name.endswith(".md"):
        return [partial(factsheet.render_factsheet, sheet, "md", template_dir=folder)]
    html_for = factsheet.html_renderer(sheet, template_dir=folder)
    return [partial(html_for, pagefit.FALLBACK_LAYOUT, 0.0)]


def _social_jobs(
    renderer: LetterRenderer, _name: str, folder: Path | None
) -> list[Callable[[], object]]:
    from civickit.materials.social import SocialOptions, generate_posts
    from civickit.materials.textcount import platforms

    options = SocialOptions(platforms=tuple(platforms().values()), count=3, template_dir=folder)
    return [partial(generate_posts, renderer.campaign, options)]


_JOBS: dict[str, Callable[[LetterRenderer, str, Path | None], list[Callable[[], object]]]] = {
    "letter": _letter_jobs,
    "callscript": _script_jobs,
    "factsheet": _factsheet_jobs,
    "social": _social_jobs,
}


def _attempt(job: Callable[[], object], name: str) -> str | None:
    import jinja2

    try:
        job()
    except jinja2.TemplateSyntaxError as exc:
        return f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}"
    except TemplateRenderError as exc:
        return str(exc)  # already file:line: message
    except CivickitError as exc:
        return f"{name}: {exc}"
    except Exception as exc:  # any error a template can raise is reported, not a traceback
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return f"{_error_location(exc, name)}: {message}"
    return None
