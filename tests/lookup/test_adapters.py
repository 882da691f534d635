"""Adapter discovery through pluggy: built-ins, a real entry-point plugin, broken plugins."""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

import pytest

from civickit.errors import UsageError
from civickit.lookup.adapters.plugins import discover
from civickit.lookup.facade import Lookup
from settings_support import MakeSettings
from support.cli import RunCli
from support.markdown import fenced_blocks

DOCS = Path(__file__).resolve().parents[2] / "docs" / "adapters.md"

GEOCODER_PLUGIN = """
from civickit.lookup.adapters.base import GeocodeResult, Geocoder
from civickit.lookup.adapters.hooks import hookimpl
from civickit.core.districts import District


class EurekaGeocoder(Geocoder):
    name = "eureka-test"
    description = "test geocoder: every address is in CA-2 and CA-SD-2"
    supports = frozenset({"address", "point"})
    needs_key = True
    key_env = "EUREKA_TEST_KEY"

    def geocode(self, query):
        districts = (District("CA", "cd", "2"), District("CA", "sldu", "2"))
        return GeocodeResult(query, "exact", districts)


@hookimpl
def register_adapters(register):
    register(EurekaGeocoder)
"""


def docs_block(language: str, after: str) -> str:
    start = DOCS.read_text(encoding="utf-8").index(after)
    return next(b.text for b in fenced_blocks(DOCS, language) if b.offset > start)


def install_plugin(root: Path, dist: str, entry: str, module: str, source: str) -> None:
    """A minimal installed distribution: a module and a dist-info with an entry point."""
    (root / f"{module}.py").write_text(source, encoding="utf-8")
    info = root / f"{dist.replace('-', '_')}-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text(f"[civickit]\n{entry} = {module}\n")


@pytest.fixture
def plugins_on_path(plugins_installed: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``plugins_installed``, with the CLI told to load them through its environment."""
    monkeypatch.setenv("CIVICKIT_NO_PLUGINS", "0")
    return plugins_installed


@pytest.fixture
def plugins_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Four plugin distributions on ``sys.path``: the documented one, a geocoder, a broken one
    and one registering a non-adapter."""
    root = tmp_path / "site"
    root.mkdir()
    pyproject = tomllib.loads(docs_block("toml", "`pyproject.toml`:"))
    ((entry, module),) = pyproject["project"]["entry-points"]["civickit"].items()
    install_plugin(
        root,
        pyproject["project"]["name"],
        entry,
        module,
        docs_block("python", "`civickit_attorneys_general/__init__.py`:"),
    )
    install_plugin(root, "civickit-eureka-test", "eureka", "civickit_eureka_test", GEOCODER_PLUGIN)
    install_plugin(
        root, "civickit-broken", "broken", "civickit_broken", "raise ImportError('no')\n"
    )
    install_plugin(
        root,
        "civickit-wrong",
        "wrong",
        "civickit_wrong",
        "from civickit.lookup.adapters.hooks import hookimpl\n\n"
        "@hookimpl\ndef register_adapters(register):\n    register(object)\n",
    )
    monkeypatch.syspath_prepend(str(root))
    yield root
    for name in ("civickit_attorneys_general", "civickit_eureka_test", "civickit_wrong"):
        sys.modules.pop(name, None)


def test_builtins_only_by_default() -> None:
    registry = discover()
    assert list(registry.classes) == [
        ("directory", "congress-legislators"),
        ("geocoder", "zcta"),
        ("geocoder", "census"),
        ("directory", "openstates"),
        ("directory", "congress-gov"),
        ("directory", "file"),
    ]
    assert set(registry.origins.values()) == {"built-in"}
    assert registry.warnings == []


def test_plugins_register_through_the_entry_point(plugins_installed: Path) -> None:
    assert list(discover(third_party=False).origins.values()) == ["built-in"] * 6
    registry = discover(third_party=True)
    assert registry.origins[("directory", "attorneys-general")] == "civickit-attorneys-general"
    assert registry.origins[("geocoder", "eureka-test")] == "civickit-eureka-test"
    assert list(registry.classes)[:6] == [
        ("directory", "congress-legislators"),
        ("geocoder", "zcta"),
        ("geocoder", "census"),
        ("directory", "openstates"),
        ("directory", "congress-gov"),
        ("directory", "file"),
    ]
    assert registry.warnings == [
        "warning: plugin 'broken' (civickit_broken) failed to load: ImportError: no; ignored",
        "warning: plugin civickit-wrong registered <class 'object'>, which is not a named "
        "Geocoder or Directory subclass; ignored",
    ]


def test_documented_plugin_answers_lookups(
    plugins_installed: Path, lookup_data: Path, make_settings: MakeSettings
) -> None:
    with_plugins = make_settings({"CIVICKIT_NO_PLUGINS": "0"})
    result = Lookup(settings=with_plugins).resolve(district="CA-12", offices={"other"})
    (official,) = result.officials
    assert (official.title, official.name, official.office) == (
        "Attorney General",
        "Rob Bonta",
        "other",
    )


def test_plugin_geocoder_needs_its_key(
    plugins_installed: Path, lookup_data: Path, make_settings: MakeSettings
) -> None:
    with_plugins = make_settings({"CIVICKIT_NO_PLUGINS": "0"})
    with pytest.raises(UsageError, match=r"answer addresses \(census\) need the network"):
        Lookup(settings=with_plugins).resolve(address="317 Third St, Eureka, CA")
    with_key = make_settings({"CIVICKIT_NO_PLUGINS": "0", "EUREKA_TEST_KEY": "secret"})
    result = Lookup(settings=with_key).resolve(
        address="317 Third St, Eureka, CA", offices={"us-house", "state-upper"}
    )
    assert [(o.title, o.name) for o in result.officials] == [
        ("Representative", "Jared Huffman"),
        ("Senator", "Mike McGuire"),
    ]


def test_cli_adapters_list_json(plugins_on_path: Path, run_cli: RunCli) -> None:
    result = run_cli(["adapters", "list", "--format", "json"])
    assert result.exit_code == 0
    rows = {row["name"]: row for row in result.json()}
    assert rows["zcta"] == {
        "name": "zcta",
        "kind": "geocoder",
        "description": rows["zcta"]["description"],
        "needs_key": False,
        "key_env": None,
        "configured": True,
        "network": False,
        "origin": "built-in",
        "answers": ["zip"],
        "hint": "",
    }
    assert rows["openstates"]["needs_key"] is False
    assert rows["openstates"]["key_env"] == "OPENSTATES_API_KEY"
    assert rows["openstates"]["answers"] == ["state-lower", "state-upper"]
    assert rows["congress-gov"]["configured"] is False
    assert rows["congress-gov"]["hint"] == "set CONGRESS_GOV_API_KEY"
    assert rows["file"]["hint"] == "give --targets FILE"
    assert rows["census"]["network"] is True
    assert rows["eureka-test"]["needs_key"] is True
    assert rows["eureka-test"]["key_env"] == "EUREKA_TEST_KEY"
    assert rows["eureka-test"]["configured"] is False
    assert rows["attorneys-general"]["answers"] == ["other"]
    assert result.stderr.splitlines() == [
        "warning: plugin 'broken' (civickit_broken) failed to load: ImportError: no; ignored",
        "warning: plugin civickit-wrong registered <class 'object'>, which is not a named "
        "Geocoder or Directory subclass; ignored",
    ]


def test_cli_adapters_list_text(run_cli: RunCli) -> None:
    result = run_cli(["adapters", "list"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "congress-legislators (directory, built-in)",
        "  answers: us-house, us-senate; no key; configured; offline",
    ]


def test_a_supplementing_plugin_directory_is_made_from_the_options(lookup_data: Path) -> None:
    """The facade knows only the contract: ``create(options)`` hands a plugin ``--targets``,
    and ``supplements`` adds its answers next to the officials, never instead of them."""
    from civickit.core.districts import District
    from civickit.core.officials import OfficeKind, Official
    from civickit.lookup.adapters.base import AdapterOptions, Directory
    from civickit.lookup.adapters.legislators import CongressLegislators
    from civickit.lookup.adapters.plugins import AdapterRegistry

    class Council(Directory):
        name = "council-test"
        description = "test: one council member per targets value"
        offices = frozenset({"us-house", "other"})
        supplements = True

        def __init__(self, who: str) -> None:
            self.who = who

        @classmethod
        def create(cls, options: AdapterOptions) -> Council:
            return cls(str(options.targets))

        def configured(self) -> bool:
            return True

        def officials(
            self, districts: Sequence[District], offices: Collection[OfficeKind]
        ) -> list[Official]:
            return [Official(name=self.who, office="other", title="Councilmember", state="CA")]

    registry = AdapterRegistry()
    registry.add(Council, "test")
    registry.add(CongressLegislators, "built-in")
    result = Lookup(registry=registry, targets="Ana Diaz").resolve(
        district="CA-12", offices={"us-house"}
    )
    assert [(o.title, o.name) for o in result.officials] == [
        ("Representative", "Lateefah Simon"),
        ("Councilmember", "Ana Diaz"),
    ]


def test_facade_and_lookup_command_know_no_adapter_by_name() -> None:
    src = Path(__file__).resolve().parents[2] / "src" / "civickit"
    for path in (src / "lookup" / "facade.py", src / "cli" / "lookup_cmd.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""name\s*[!=]=\s*["']|FileDirectory|"file"|"openstates\"""", text)
