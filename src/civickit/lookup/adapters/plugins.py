"""Adapter discovery through pluggy: built-ins and third-party packages use the same hook.

A third-party package declares an entry point in the ``civickit`` group pointing at a module
(or object) with a ``register_adapters(register)`` hook implementation; see docs/adapters.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pluggy

from civickit.lookup.adapters.base import Adapter, Directory, Geocoder
from civickit.lookup.adapters.hooks import GROUP, AdapterSpec

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint


@dataclass
class AdapterRegistry:
    """The adapter classes found, in asking order, where each came from, and load warnings."""

    classes: dict[tuple[str, str], type[Adapter]] = field(default_factory=dict)
    origins: dict[tuple[str, str], str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, adapter_class: Any, origin: str) -> None:
        """Accept ``adapter_class`` from ``origin`` or record why not."""
        valid = isinstance(adapter_class, type) and issubclass(adapter_class, Geocoder | Directory)
        name = getattr(adapter_class, "name", None)
        if not valid or not isinstance(name, str) or not name:
            self.warnings.append(
                f"warning: plugin {origin} registered {adapter_class!r}, which is not a named "
                "Geocoder or Directory subclass; ignored"
            )
            return
        key = (adapter_class.kind, name)
        if key in self.classes:
            self.warnings.append(
                f"warning: plugin {origin} registered a second {adapter_class.kind} named "
                f"{name!r}; kept the one from {self.origins[key]}"
            )
            return
        self.classes[key] = adapter_class
        self.origins[key] = origin


def build_plugin_manager(
    *, third_party: bool | None = None
) -> tuple[pluggy.PluginManager, list[str]]:
    """A plugin manager with the built-ins and, unless ``third_party`` is false (default:
    ``Settings.plugins``, off with ``CIVICKIT_NO_PLUGINS=1``), every
    ``civickit`` entry point that loads; the warnings name the ones that did not."""
    from civickit.lookup.adapters import builtin

    manager = pluggy.PluginManager(GROUP)
    manager.add_hookspecs(AdapterSpec)
    manager.register(builtin, name="civickit-builtin")
    warnings: list[str] = []
    if third_party is None:
        from civickit.settings import or_default

        third_party = or_default(None).plugins
    if third_party:
        for entry_point in _entry_points():
            try:
                manager.load_setuptools_entrypoints(GROUP, name=entry_point.name)
            except Exception as exc:  # any plugin failure must not stop civickit
                warnings.append(
                    f"warning: plugin {entry_point.name!r} ({entry_point.value}) failed to load: "
                    f"{type(exc).__name__}: {exc}; ignored"
                )
    return manager, warnings


def _entry_points() -> list[EntryPoint]:
    from importlib.metadata import entry_points

    return sorted(entry_points(group=GROUP), key=lambda ep: ep.name)


def discover(*, third_party: bool | None = None) -> AdapterRegistry:
    """Every adapter class from the built-ins and the plugins that load (built-ins first)."""
    manager, warnings = build_plugin_manager(third_party=third_party)
    registry = AdapterRegistry(warnings=warnings)
    distributions = {
        id(plugin): dist.project_name for plugin, dist in manager.list_plugin_distinfo()
    }
    # Calling each plugin's hook separately keeps one broken plugin from hiding the others.
    for impl in manager.hook.register_adapters.get_hookimpls():
        origin = (
            "built-in"
            if impl.plugin_name == "civickit-builtin"
            else distributions.get(id(impl.plugin), impl.plugin_name)
        )
        try:
            impl.function(register=lambda cls, _origin=origin: registry.add(cls, _origin))
        except Exception as exc:  # a plugin's bug is a warning, not a crash
            registry.warnings.append(
                f"warning: plugin {origin!r} failed while registering adapters: "
                f"{type(exc).__name__}: {exc}; ignored"
            )
    return registry


@dataclass(frozen=True)
class InstalledPlugin:
    """A distribution in civickit's environment with entry points in the ``civickit`` group."""

    name: str
    version: str
    entry_points: tuple[str, ...]  # "attorneys-general = civickit_attorneys_general"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``civickit plugins list --format json``)."""
        return {"name": self.name, "version": self.version, "entry_points": list(self.entry_points)}


def installed_plugins() -> list[InstalledPlugin]:
    """Every installed civickit plugin distribution, by name (each one once)."""
    from importlib.metadata import distributions

    found: dict[str, InstalledPlugin] = {}
    for dist in distributions():
        name = dist.metadata["Name"] or ""
        points = tuple(f"{ep.name} = {ep.value}" for ep in dist.entry_points if ep.group == GROUP)
        key = _canonical(name)
        if points and name and key not in found:  # the first on sys.path is the one imported
            found[key] = InstalledPlugin(name, dist.version, points)
    return sorted(found.values(), key=lambda plugin: _canonical(plugin.name))


def pip_command(
    action: str,
    names: Sequence[str],
    python: str,
    options: Sequence[str] = (),
    *,
    has_pip: bool = True,
) -> list[str]:
    """The pip command (with pip ``options``) that installs or uninstalls ``names`` in the
    environment of the interpreter ``python`` (civickit's own). Uninstalling is refused for
    anything that is not an installed civickit plugin, so civickit and its dependencies stay;
    an environment without pip (``uv tool install`` makes those) is told what to use instead."""
    from civickit.errors import UsageError

    if not names:
        raise UsageError(f"plugins {action}: name at least one plugin distribution")
    if not has_pip:
        what = " ".join(names)
        verb = "uninstall" if action == "uninstall" else "install"
        hint = (
            f"uv tool install civickit --with {what}"
            if verb == "install"
            else "uv tool install civickit (without --with)"
        )
        raise UsageError(
            f"plugins {verb}: civickit's environment ({python}) has no pip; with uv run "
            f"`{hint}`, with pipx `pipx {'inject' if verb == 'install' else 'uninject'} "
            f"civickit {what}`"
        )
    if action == "install":
        return [python, "-m", "pip", "install", *options, *names]
    plugins = {_canonical(p.name) for p in installed_plugins()}
    unknown = [name for name in names if _canonical(name) not in plugins]
    if unknown:
        listed = ", ".join(sorted(p.name for p in installed_plugins())) or "none"
        raise UsageError(
            f"plugins uninstall {unknown[0]!r}: not an installed civickit plugin "
            f"(installed: {listed}; see civickit plugins list)"
        )
    return [python, "-m", "pip", "uninstall", "--yes", *options, *names]


def _canonical(name: str) -> str:
    """A distribution name as pip compares it: ``Civickit_Foo.bar`` -> ``civickit-foo-bar``."""
    return re.sub(r"[-_.]+", "-", name).lower()
