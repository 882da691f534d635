"""State shared by every command: the settings, the chosen campaign and reference date."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from civickit.campaign import Campaign
    from civickit.errors import CivickitError
    from civickit.settings import ConfigFile, Settings


@dataclass
class AppContext:
    """Global options, parsed lazily so commands that do not need them pay nothing."""

    campaign_ref: str | None = None
    as_of_text: str | None = None
    traceback: bool = False
    offline: bool = False  # --offline / CIVICKIT_OFFLINE: no network use at all
    quiet: bool = False  # --quiet: no messages but errors
    verbose: bool = False  # --verbose: the config file read, each download logged
    config: ConfigFile | None = field(default=None, repr=False)  # read by --config's callback
    config_error: CivickitError | None = None  # why the config file did not load
    _campaign: Campaign | None = field(default=None, repr=False)
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        """The one ``Settings`` of this invocation: the global flags, then the environment,
        then the config file; built on first use and handed to every library call."""
        if self._settings is None:
            from civickit.settings import Settings

            overrides = {"offline": True} if self.offline else {}
            self._settings = Settings.from_environ(os.environ, config=self.config, **overrides)
            self.offline = self._settings.offline
        return self._settings

    @cached_property
    def as_of(self) -> dt.date:
        """The reference date for relative phrases."""
        from civickit.core.dates import parse_user_date

        if not self.as_of_text:
            return dt.date.today()
        return parse_user_date(self.as_of_text)

    def campaign(self) -> Campaign:
        """The selected campaign, loaded and validated once."""
        if self._campaign is None:
            from civickit.campaign import load_campaign

            self._campaign = load_campaign(self.campaign_ref)
        return self._campaign


pass_app = click.make_pass_decorator(AppContext, ensure=True)
