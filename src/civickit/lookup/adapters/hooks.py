"""The pluggy hook that built-in and third-party adapter modules implement.

A plugin module writes ``@hookimpl def register_adapters(register): register(MyDirectory)``.
This module holds only the markers and the specification, so that both the built-in adapters and
the discovery code in :mod:`civickit.lookup.adapters.plugins` can import it without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy

from civickit.lookup.adapters.base import Adapter

GROUP = "civickit"
hookspec = pluggy.HookspecMarker(GROUP)
hookimpl = pluggy.HookimplMarker(GROUP)
Register = Callable[[type[Adapter]], None]


class AdapterSpec:
    """Hook specifications a civickit plugin may implement."""

    @hookspec
    def register_adapters(self, register: Register) -> None:
        """Call ``register(adapter_class)`` for each geocoder or directory class provided."""
