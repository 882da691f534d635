"""``campaign init``: a new campaign folder that validates and renders as it is."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

from civickit.campaign.records import CAMPAIGN_FILE
from civickit.errors import UsageError
from civickit.files import refuse_existing, write_atomically

_TEMPLATE = """\
# A civickit campaign. Every fact and quote needs a source and a date at the precision the
# source gives: "2024-05-02" (a day), "2024-W18" (a week), "2024-05" (a month), "2024" (a year).
# Check it with: civickit --campaign {folder} campaign show

schema = 1
id = "{slug}"
title = "{title}"
summary = "One or two sentences saying what this campaign wants and why."
subject = "{title}"
hashtags = ["#{hashtag}"]
action_url = "https://www.congress.gov/members/find-your-member"

[tags]
federal = "Relevant to Congress"
state = "Relevant to state legislatures"
local = "Relevant to cities and counties"
companies = "About companies"
key = "The strongest facts, for short materials"

[[sources]]
id = "example-source"
publisher = "Example Publisher"
title = "Title of the article or report"
date = "{today}"
# author = "Author Name"
# url = "https://example.org/article"

[[facts]]
id = "first-fact"
text = "Replace this with a fact from your source, in one sentence."
date = "{month}"
source = "example-source"
tags = ["key", "federal", "state", "local"]

[[facts]]
id = "second-fact"
text = "Replace this with a second fact; keep the date only as precise as the source is."
date = "{year}"
source = "example-source"
tags = ["state", "local", "companies"]

[[quotes]]
id = "first-quote"
text = "Paste a quote here exactly as the source prints it."
speaker = "Speaker Name"
role = "Their role"
organisation = "Their organisation"
date = "{today}"
source = "example-source"

[asks.federal]
text = "Say what you ask members of Congress to do."
short = "the same ask in a few words"

[asks.state]
text = "Say what you ask state legislators to do."
short = "the same ask in a few words"

[asks.local]
text = "Say what you ask local officials to do."
short = "the same ask in a few words"

[asks.companies]
text = "Say what you ask companies to do."
short = "the same ask in a few words"
"""

_TEMPLATES_README = """\
Templates placed here override civickit's built-in templates of the same name for this
campaign only. Start from a built-in one with:

    civickit templates copy letter_us_senate.txt {templates}
"""


def init_campaign(folder: Path, today: dt.date | None = None, *, force: bool = False) -> Path:
    """Create ``folder/campaign.toml`` (and ``templates/``); an existing campaign file is
    replaced only with ``force``."""
    target = folder / CAMPAIGN_FILE
    refuse_existing([target], force=force, instead="another folder")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; give a folder path for the new campaign")
    day = today or dt.date.today()
    slug = folder.resolve().name or "my-campaign"
    title = slug.replace("-", " ").replace("_", " ").strip().capitalize() or "My campaign"
    hashtag = "".join(word.capitalize() for word in title.split()) or "Campaign"
    (folder / "templates").mkdir(parents=True, exist_ok=True)
    text = _TEMPLATE.format(
        folder=folder,
        slug=slug,
        title=title.replace('"', "'"),
        hashtag="".join(ch for ch in hashtag if ch.isalnum()) or "Campaign",
        today=day.isoformat(),
        month=f"{day.year}-{day.month:02d}",
        year=day.year,
    )
    write_atomically(target, text.encode("utf-8"))
    readme = folder / "templates" / "README.txt"
    if not readme.exists():
        templates = shlex.quote(str(folder / "templates"))
        readme.write_text(_TEMPLATES_README.format(templates=templates), encoding="utf-8")
    return target
