"""Manifests written before the one JSON vocabulary (recipients' office key in ``office``,
candidates' officials as display strings) still read back, for ``--resume``, packets and send."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from civickit.outreach.records import ManifestRecord
from support.cli import invoke

OLD_LINE: dict[str, Any] = {
    "row": 4,
    "id": "h13437bfa34af3bb2",
    "status": "ambiguous",
    "reason": "ZIP 10011 may be in any of NY-12, NY-10; add the street address",
    "name": "Bob",
    "districts": ["NY-12", "NY-10"],
    "recipients": [
        {"office": "us-senate-ny-schumer-s000148", "label": "Senator Charles E. Schumer (NY)"}
    ],
    "candidates": [{"district": "NY-12", "officials": ["Senator Charles E. Schumer (NY)"]}],
    "datasets": ["congress-legislators:congress-legislators@2026-11-26", "zcta:-@-"],
}


def test_an_old_manifest_line_reads_back() -> None:
    record = ManifestRecord.from_dict(OLD_LINE)
    (recipient,) = record.recipients
    assert (recipient.key, recipient.office, recipient.vacant) == (
        "us-senate-ny-schumer-s000148",
        "",
        False,
    )
    (candidate,) = record.candidates
    assert (candidate.district, candidate.share, candidate.officials) == (
        "NY-12",
        None,
        ["Senator Charles E. Schumer (NY)"],
    )
    assert [(p.adapter, p.dataset, p.version) for p in record.provenance] == [
        ("congress-legislators", "congress-legislators", "2026-11-26"),
        ("zcta", None, None),
    ]
    assert [p.label for p in record.provenance] == OLD_LINE["datasets"]
    again = record.to_dict()
    assert again["recipients"][0]["key"] == "us-senate-ny-schumer-s000148"
    assert again["candidates"][0]["officials"] == ["Senator Charles E. Schumer (NY)"]


def _old_shape(line: dict[str, Any]) -> dict[str, Any]:
    recipients = [
        {"office": r["key"], "label": r["label"], "vacant": r["vacant"]} for r in line["recipients"]
    ]
    candidates = [
        {**c, "officials": [f"{o['title']} {o['name']}" for o in c["officials"]]}
        for c in line["candidates"]
    ]
    datasets = [
        f"{p['adapter']}:{p['dataset'] or '-'}@{p['version'] or '-'}" for p in line["provenance"]
    ]
    old = {key: value for key, value in line.items() if key != "provenance"}
    return {**old, "recipients": recipients, "candidates": candidates, "datasets": datasets}


def test_resume_takes_up_a_batch_whose_manifest_has_the_old_shape(
    lookup_data: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,zip\nAda Lopez,94612\nBo Chan,10011\n", encoding="utf-8")
    out = tmp_path / "out"
    batch = ["--as-of", "2026-11-26", "batch", str(sheet), "--out", str(out)]
    first = invoke(batch)
    assert first.exit_code == 3, first.describe()  # Bo Chan's ZIP is ambiguous
    manifest = out / "manifest.jsonl"
    lines = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    old = [_old_shape(line) for line in lines]
    assert old != lines
    manifest.write_text("".join(json.dumps(line) + "\n" for line in old), encoding="utf-8")

    resumed = invoke([*batch, "--resume", "--format", "json"])
    assert resumed.exit_code == 3, resumed.describe()
    summary = resumed.json()
    assert (summary["resumed"], summary["statuses"]["ok"]) == (1, 1)
    assert summary["offices"] == {
        "Representative Lateefah Simon (CA-12)": 1,
        "Senator Adam B. Schiff (CA)": 1,
        "Senator Alex Padilla (CA)": 1,
    }
    assert len(summary["packets"]) == 3
    assert {p["adapter"] for p in summary["provenance"]} == {"congress-legislators", "zcta"}
