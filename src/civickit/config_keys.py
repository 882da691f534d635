"""The keys of civickit's config file: what each one means, and where else it can be set.

Each ``ConfigKey`` knows the flags it is the default of (``sender.name`` is ``letter --name``
and ``callscript --name``), the ``Settings`` variable it stands in for (``cache.ttl`` is
``CIVICKIT_CACHE_TTL``), the TOML type of its value and whether it is a secret. ``settings.py``
applies the one precedence (flag, then variable, then config file, then built-in default) with
this table; ``civickit config`` checks keys and values against it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from civickit.errors import UsageError

#: What a value is checked as by ``civickit config set``, beyond its TOML type.
Check = Literal["text", "email", "phone", "offices", "formats", "kit", "url", "folder", "campaign"]


@dataclass(frozen=True)
class OptionRef:
    """One command option: ``letter --from-address`` (click parameter ``from_address``)."""

    command: str  # "" for the top-level group, else "letter", "data sync"
    flag: str
    param: str

    @property
    def variable(self) -> str:
        """The environment variable of this option, named after the command and the flag."""
        return option_variable(self.command, self.flag)

    @property
    def label(self) -> str:
        return f"{self.command} {self.flag}".strip()


@dataclass(frozen=True)
class ConfigKey:
    """One key of the config file (``sender.email``) and what it sets."""

    name: str
    help: str
    options: tuple[OptionRef, ...] = ()
    variable: str | None = None  # a Settings variable the key stands in for
    type: type[str] | type[bool] | type[int] = str
    check: Check = "text"
    secret: bool = False


def option_variable(command: str, flag: str) -> str:
    """``letter`` + ``--from-address`` -> ``CIVICKIT_LETTER_FROM_ADDRESS``: the one rule naming
    an option's variable (``CIVICKIT_CAMPAIGN`` for the top-level ``--campaign``)."""
    words = ["CIVICKIT", *command.split(), flag.lstrip("-")]
    return "_".join(words).upper().replace("-", "_")


def _on(*labels: str) -> tuple[OptionRef, ...]:
    """``"letter --from-address:from_address"`` (``:param`` when it is not the flag's name)."""
    refs = []
    for label in labels:
        where, _, param = label.partition(":")
        command, _, flag = where.rpartition(" ")
        refs.append(OptionRef(command, flag, param or flag.lstrip("-").replace("-", "_")))
    return tuple(refs)


KEYS: tuple[ConfigKey, ...] = (
    ConfigKey(
        "sender.name", "Your name, as you sign letters.", _on("letter --name", "callscript --name")
    ),
    ConfigKey(
        "sender.address",
        "Your postal address; separate lines with ';'.",
        _on("letter --from-address", "callscript --from-address"),
    ),
    ConfigKey("sender.email", "Your e-mail address.", _on("letter --email"), check="email"),
    ConfigKey("sender.phone", "Your phone number.", _on("letter --phone"), check="phone"),
    ConfigKey(
        "organisation.name", "Your organisation's name.", _on("factsheet --org", "send --org-name")
    ),
    ConfigKey(
        "organisation.email",
        "The address your organisation sends e-mail from (From and envelope sender).",
        _on("send --org-email"),
        check="email",
    ),
    ConfigKey("organisation.address", "The address your organisation sends from."),
    ConfigKey(
        "organisation.cwc.agent",
        "CWC delivery agent: the organisation's registered name.",
        variable="CIVICKIT_CWC_AGENT_NAME",
    ),
    ConfigKey(
        "organisation.cwc.ack_email",
        "CWC delivery agent: where acknowledgements go.",
        variable="CIVICKIT_CWC_AGENT_ACK_EMAIL",
        check="email",
    ),
    ConfigKey(
        "organisation.cwc.contact_name",
        "CWC delivery agent: the contact's name.",
        variable="CIVICKIT_CWC_AGENT_CONTACT_NAME",
    ),
    ConfigKey(
        "organisation.cwc.contact_email",
        "CWC delivery agent: the contact's e-mail.",
        variable="CIVICKIT_CWC_AGENT_CONTACT_EMAIL",
        check="email",
    ),
    ConfigKey(
        "organisation.cwc.contact_phone",
        "CWC delivery agent: the contact's phone.",
        variable="CIVICKIT_CWC_AGENT_CONTACT_PHONE",
        check="phone",
    ),
    ConfigKey(
        "organisation.cwc.house_key",
        "CWC API key of the House service.",
        variable="CIVICKIT_CWC_HOUSE_KEY",
        secret=True,
    ),
    ConfigKey(
        "organisation.cwc.senate_key",
        "CWC API key of the Senate service (SCWC).",
        variable="CIVICKIT_CWC_SENATE_KEY",
        secret=True,
    ),
    ConfigKey(
        "defaults.campaign",
        "Campaign used without --campaign: a built-in name or a folder.",
        _on(" --campaign:campaign_ref"),
        check="campaign",
    ),
    ConfigKey(
        "defaults.to",
        "Offices written to without --to.",
        _on("letter --to", "callscript --to", "batch --to:offices"),
        check="offices",
    ),
    ConfigKey(
        "defaults.letter_format", "Format of letters without --format.", _on("letter --format:fmt")
    ),
    ConfigKey(
        "defaults.formats",
        "Letter formats of a batch without --formats.",
        _on("batch --formats"),
        check="formats",
    ),
    ConfigKey(
        "defaults.kit",
        "Supporter materials of a batch without --kit.",
        _on("batch --kit"),
        check="kit",
    ),
    ConfigKey("defaults.paper", "Paper size of fact sheets.", _on("factsheet --paper")),
    ConfigKey(
        "defaults.dayfirst",
        "Read 01/02/2026 as 1 February.",
        _on("letter --dayfirst", "batch --dayfirst", "factsheet --dayfirst"),
        type=bool,
    ),
    ConfigKey("defaults.offline", "Never use the network.", variable="CIVICKIT_OFFLINE", type=bool),
    ConfigKey(
        "data.dir", "Folder of downloaded datasets.", variable="CIVICKIT_DATA_DIR", check="folder"
    ),
    ConfigKey(
        "data.mirror",
        "Folder or URL to download datasets from.",
        variable="CIVICKIT_DATA_MIRROR",
    ),
    ConfigKey(
        "cache.dir", "Folder of cached answers.", variable="CIVICKIT_CACHE_DIR", check="folder"
    ),
    ConfigKey(
        "cache.ttl", "Seconds cached answers stay fresh.", variable="CIVICKIT_CACHE_TTL", type=int
    ),
    ConfigKey("smtp.host", "SMTP server civickit send connects to.", _on("send --smtp-host")),
    ConfigKey("smtp.port", "SMTP port.", _on("send --smtp-port"), type=int),
    ConfigKey("smtp.user", "SMTP login.", _on("send --smtp-user")),
    ConfigKey("smtp.password", "SMTP password.", variable="CIVICKIT_SMTP_PASSWORD", secret=True),
    ConfigKey(
        "adapters.openstates_api_key",
        "Open States API key.",
        variable="OPENSTATES_API_KEY",
        secret=True,
    ),
    ConfigKey(
        "adapters.congress_gov_api_key",
        "Congress.gov API key.",
        variable="CONGRESS_GOV_API_KEY",
        secret=True,
    ),
    ConfigKey(
        "adapters.census_url", "Census geocoder URL.", variable="CIVICKIT_CENSUS_URL", check="url"
    ),
    ConfigKey(
        "adapters.congress_gov_url",
        "Congress.gov API URL.",
        variable="CIVICKIT_CONGRESS_GOV_URL",
        check="url",
    ),
    ConfigKey(
        "adapters.openstates_url",
        "Open States API URL.",
        variable="CIVICKIT_OPENSTATES_URL",
        check="url",
    ),
)

BY_NAME = {key.name: key for key in KEYS}


#: What a plugin adapter's key or URL variable ends with (its ``key_env`` / ``url_env``).
_SECRET_ENDINGS = ("_key", "_token", "_secret", "_password")
PLUGIN_PREFIX = "adapters."


def plugin_key(name: str) -> ConfigKey | None:
    """``adapters.foo_api_key`` -> the secret ``FOO_API_KEY``, ``adapters.foo_url`` ->
    ``CIVICKIT_FOO_URL``: the settings of a third-party adapter, named after its variable."""
    stem = name.removeprefix(PLUGIN_PREFIX)
    if not name.startswith(PLUGIN_PREFIX) or not stem.replace("_", "").isalnum():
        return None
    if stem.endswith(_SECRET_ENDINGS):
        return ConfigKey(name, "A plugin adapter's key.", variable=stem.upper(), secret=True)
    if stem.endswith("_url"):
        return ConfigKey(
            name, "A plugin adapter's URL.", variable=f"CIVICKIT_{stem.upper()}", check="url"
        )
    return None


def find_key(name: str, where: str = "config") -> ConfigKey:
    """The key called ``name`` (a plugin adapter's ``adapters.*_key`` or ``*_url`` too);
    ``UsageError`` naming the closest keys for anything else."""
    key = BY_NAME.get(name.strip().lower()) or plugin_key(name.strip().lower())
    if key is not None:
        return key
    close = difflib.get_close_matches(name.strip().lower(), BY_NAME, n=3, cutoff=0.6)
    hint = f"did you mean {' or '.join(close)}?" if close else "see civickit config list"
    raise UsageError(f"{where}: unknown key {name!r}; {hint}")


def typed_value(key: ConfigKey, value: object, where: str) -> str | bool | int:
    """``value`` when it has ``key``'s TOML type; ``UsageError`` naming ``where`` otherwise."""
    if key.type is bool:
        if isinstance(value, bool):
            return value
    elif key.type is int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
    elif isinstance(value, str):
        return value
    wanted = {bool: "true or false", int: "a whole number", str: "a string in quotes"}[key.type]
    raise UsageError(f"{where}: {key.name} = {value!r} should be {wanted}")


def parse_text(key: ConfigKey, text: str) -> str | bool | int:
    """A value typed on the command line (``config set cache.ttl 3600``) as ``key``'s type."""
    if key.type is bool:
        word = text.strip().lower()
        if word in {"1", "true", "yes", "on"}:
            return True
        if word in {"0", "false", "no", "off"}:
            return False
        raise UsageError(f"{key.name}: {text!r} is not true or false")
    if key.type is int:
        try:
            number = int(text.strip())
        except ValueError:
            number = -1
        if number < 0:
            raise UsageError(f"{key.name}: {text!r} is not a whole number such as 3600")
        return number
    if not text.strip():
        raise UsageError(f"{key.name}: give a value (civickit config unset {key.name} removes it)")
    return text.strip()


__all__ = [
    "BY_NAME",
    "KEYS",
    "ConfigKey",
    "OptionRef",
    "find_key",
    "option_variable",
    "parse_text",
    "plugin_key",
]
