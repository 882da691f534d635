"""Campaigns: sourced facts, verbatim quotes and asks, loaded and validated from ``campaign.toml``.

``records`` holds the data, ``loading`` finds and loads a campaign, ``validation`` checks a
parsed file, ``urls`` is the one link check and ``scaffold`` writes a new campaign folder.
"""

from civickit.campaign.loading import (
    BUILTIN_DIR,
    DEFAULT_CAMPAIGN,
    builtin_campaign_names,
    load_campaign,
    resolve_campaign_path,
)
from civickit.campaign.records import (
    AUDIENCES,
    CAMPAIGN_FILE,
    Ask,
    Campaign,
    Fact,
    Quote,
    Source,
)
from civickit.campaign.scaffold import init_campaign
from civickit.campaign.urls import is_http_url

__all__ = [
    "AUDIENCES",
    "BUILTIN_DIR",
    "CAMPAIGN_FILE",
    "DEFAULT_CAMPAIGN",
    "Ask",
    "Campaign",
    "Fact",
    "Quote",
    "Source",
    "builtin_campaign_names",
    "init_campaign",
    "is_http_url",
    "load_campaign",
    "resolve_campaign_path",
]
