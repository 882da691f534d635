"""One ZIP parser: a ZIP a spreadsheet shortened is repaired the same in a sheet, ``--zip`` and
a targets file; ZIP+4 is accepted everywhere."""

from __future__ import annotations

import io
import json
from pathlib import Path

from civickit.lookup.locate import Location
from civickit.outreach.supporters import open_supporters
from lookup_support import read_targets
from support.cli import RunCli


def test_sheet_zips_get_their_leading_zero_back_and_keep_plus_four() -> None:
    data = b"name,zip,street,state\nAda,2134,,\nBo,601-1234,1 Calle Luna,puerto rico\n"
    with open_supporters("-", stdin=io.BytesIO(data)) as sheet:
        ada, bo = list(sheet)
    assert (ada.fields["zip"], ada.location) == ("02134", Location("zip", "02134"))
    assert bo.fields["zip"] == "00601-1234"
    assert bo.postal_address() == "1 Calle Luna\nPR 00601-1234"


def test_zip_option_repairs_the_same_way(lookup_data: Path, run_cli: RunCli) -> None:
    short = run_cli(["lookup", "--zip", "601", "--format", "json"], expect=0)
    full = run_cli(["lookup", "--zip", "00601-1234", "--format", "json"], expect=0)
    assert [o["name"] for o in _officials(short.stdout)] == [
        o["name"] for o in _officials(full.stdout)
    ]
    assert "ZIP 00601" in short.stdout


def test_targets_file_zip_is_repaired() -> None:
    text = "name,address,city,state,zip\nClerk,1 Main St,Boston,MA,2134\n"
    (clerk,) = read_targets(text)
    assert clerk.capitol_office is not None
    assert clerk.capitol_office.postal_lines() == ["1 Main St", "Boston, MA 02134"]


def _officials(stdout: str) -> list[dict[str, str]]:
    officials: list[dict[str, str]] = json.loads(stdout)["officials"]
    assert officials
    return officials
