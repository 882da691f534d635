"""Plugins from the command line: the example package of docs/adapters.md is built, installed
with ``civickit plugins install`` and reached by ``letter --to other``; ``plugins list`` and
``uninstall``; several directories for one office all answer; ``--source`` must fit the ask."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Collection, Sequence
from pathlib import Path

import pytest

from civickit.core.districts import District
from civickit.core.officials import OfficeKind, Official
from civickit.errors import UsageError
from civickit.lookup.adapters.base import Directory
from civickit.lookup.adapters.legislators import CongressLegislators
from civickit.lookup.adapters.plugins import AdapterRegistry, pip_command
from civickit.lookup.facade import Lookup
from conftest import REPO_ROOT
from support.cli import RunCli
from support.markdown import fenced_blocks

EXAMPLE = REPO_ROOT / "docs" / "examples" / "civickit-example-plugin"
ADAPTERS_DOC = REPO_ROOT / "docs" / "adapters.md"
SENDER = ["--name", "Ada Lopez", "--from-address", "1 Main St; Oakland, CA 94612"]


def test_the_docs_show_the_example_package_as_it_is() -> None:
    text = ADAPTERS_DOC.read_text(encoding="utf-8")
    for language, caption, path in (
        ("toml", "`pyproject.toml`:", EXAMPLE / "pyproject.toml"),
        (
            "python",
            "`civickit_attorneys_general/__init__.py`:",
            EXAMPLE / "civickit_attorneys_general" / "__init__.py",
        ),
    ):
        start = text.index(caption)
        block = next(b for b in fenced_blocks(ADAPTERS_DOC, language) if b.offset > start)
        assert block.text == path.read_text(encoding="utf-8"), path


def _civickit(args: Sequence[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "civickit", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_the_example_plugin_installs_and_answers_letter_to_other(
    lookup_data: Path, tmp_path: Path
) -> None:
    source = tmp_path / "civickit-example-plugin"
    shutil.copytree(EXAMPLE, source)
    site = tmp_path / "site"
    env = {**os.environ, "CIVICKIT_NO_PLUGINS": "0", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    # Into a folder of its own rather than the test environment; built with the hatchling
    # installed here and its civickit dependency already met, so no index is asked.
    pip_env = {
        **env,
        "PIP_TARGET": str(site),
        "PIP_NO_DEPS": "1",
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",
    }
    installed = _civickit(["plugins", "install", str(source)], pip_env)
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout == ""  # pip's output is a message: stderr
    assert "Successfully installed civickit-attorneys-general-0.1.0" in installed.stderr
    assert list(site.glob("civickit_attorneys_general-0.1.0.dist-info"))

    env["PYTHONPATH"] = str(site)
    listed = _civickit(["plugins", "list", "--format", "json"], env)
    assert listed.returncode == 0, listed.stderr
    assert {
        "name": "civickit-attorneys-general",
        "version": "0.1.0",
        "entry_points": ["attorneys-general = civickit_attorneys_general"],
    } in json.loads(listed.stdout)

    letter = _civickit(["letter", "--district", "CA-12", "--to", "other", *SENDER], env)
    assert letter.returncode == 0, letter.stderr
    assert "Dear Attorney General Bonta:" in letter.stdout
    assert "1300 I Street\nSacramento, CA 95814" in letter.stdout

    everyone = _civickit(["callscript", "--district", "CA-12", "--to", "all"], env)
    assert everyone.returncode == 0, everyone.stderr
    assert "Attorney General Bonta (CA Department of Justice)" in everyone.stdout
    assert "Senator Padilla" in everyone.stdout

    wrong = _civickit(["lookup", "--district", "CA-12", "--source", "attorneys-general"], env)
    assert (wrong.returncode, wrong.stderr.splitlines()[-1]) == (
        2,
        "Error: --source attorneys-general answers only other, not us-senate, us-house: "
        "ask for its offices or drop --source",
    )


def test_plugins_list_without_plugins(run_cli: RunCli) -> None:
    result = run_cli(["plugins", "list"])
    assert (result.exit_code, result.stdout) == (
        0,
        "no plugins installed (see civickit plugins install --help)\n",
    )
    assert run_cli(["plugins", "list", "--format", "json"]).json() == []


def test_uninstall_refuses_what_is_not_a_plugin(run_cli: RunCli) -> None:
    result = run_cli(["plugins", "uninstall", "click"])
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: plugins uninstall 'click': not an installed civickit plugin (installed: none; "
        "see civickit plugins list)\n",
    )


def test_install_uses_civickits_own_interpreter() -> None:
    assert pip_command("install", ["civickit-x"], "/env/bin/python", ["--upgrade"]) == [
        "/env/bin/python",
        "-m",
        "pip",
        "install",
        "--upgrade",
        "civickit-x",
    ]
    with pytest.raises(UsageError, match="name at least one"):
        pip_command("install", [], "/env/bin/python")


def test_an_environment_without_pip_is_told_what_to_use() -> None:
    with pytest.raises(UsageError) as caught:
        pip_command("install", ["civickit-x"], "/uv/tools/civickit/bin/python", has_pip=False)
    assert str(caught.value) == (
        "plugins install: civickit's environment (/uv/tools/civickit/bin/python) has no pip; "
        "with uv run `uv tool install civickit --with civickit-x`, with pipx "
        "`pipx inject civickit civickit-x`"
    )


def _directory(name: str, person: str, *, label: bool) -> type[Directory]:
    from civickit.core.officials import Provenance

    class Listed(Directory):
        offices = frozenset({"other"})
        description = f"test: {person}"

        def officials(
            self, districts: Sequence[District], offices: Collection[OfficeKind]
        ) -> list[Official]:
            provenance = Provenance(name, "test") if label else None
            return [Official(person, "other", "Mayor", "CA", provenance=provenance)]

    Listed.name = name
    return Listed


def test_every_directory_of_an_office_is_asked_and_each_answer_names_its_adapter(
    lookup_data: Path,
) -> None:
    registry = AdapterRegistry()
    registry.add(CongressLegislators, "built-in")
    registry.add(_directory("mayors", "Ana Diaz", label=True), "civickit-mayors")
    registry.add(_directory("councils", "Bo Chan", label=False), "civickit-councils")
    result = Lookup(registry=registry).resolve(district="CA-12", offices={"other", "us-house"})
    assert [(o.name, o.provenance.adapter if o.provenance else None) for o in result.officials] == [
        ("Lateefah Simon", "congress-legislators"),
        ("Ana Diaz", "mayors"),
        ("Bo Chan", "councils"),
    ]
    assert {p.adapter for p in result.provenance} == {"congress-legislators", "mayors", "councils"}
    only = Lookup(registry=registry, sources=["councils"]).resolve(
        district="CA-12", offices={"other"}
    )
    assert [o.name for o in only.officials] == ["Bo Chan"]
    with pytest.raises(UsageError) as caught:
        Lookup(registry=registry, sources=["mayors"]).resolve(district="CA-12")
    assert str(caught.value) == (
        "--source mayors answers only other, not us-senate, us-house: "
        "ask for its offices or drop --source"
    )


def test_all_includes_other_without_a_note_when_no_plugin_answers(
    run_cli: RunCli, lookup_data: Path
) -> None:
    everything = run_cli(["lookup", "--district", "CA-12", "--level", "all"])
    assert everything.exit_code == 0
    assert "answers other" not in everything.stdout + everything.stderr
    alone = run_cli(["lookup", "--district", "CA-12", "--level", "other"])
    assert "Note: no configured directory answers other; see civickit adapters list" in alone.stdout
