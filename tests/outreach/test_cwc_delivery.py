"""``civickit deliver``: CWC documents from a real-data batch posted to a local CWC service."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from civickit.lookup.http import build_session
from civickit.outreach.cwc_delivery import CWC_LOG, deliver_batch
from civickit.outreach.cwc_service import CwcService
from support.cli import RunCli
from support.cwc_server import Answer, CwcServer, serve

HOUSE_KEY = "house-secret-key-123"
SENATE_KEY = "senate-secret-key-456"
AGENT = {
    "CIVICKIT_CWC_AGENT_NAME": "Bay Area Privacy Coalition",
    "CIVICKIT_CWC_AGENT_ACK_EMAIL": "ack@bapc.example",
    "CIVICKIT_CWC_AGENT_CONTACT_NAME": "Sam Lee",
    "CIVICKIT_CWC_AGENT_CONTACT_EMAIL": "sam@bapc.example",
    "CIVICKIT_CWC_AGENT_CONTACT_PHONE": "(415) 555-0100",
}
SHEET = (
    "prefix,name,email,street,city,state,zip,district,story\n"
    "Ms.,Ada Lopez,ada@example.org,1 Broadway,Oakland,CA,94612,CA-12,"
    "I was stopped after a camera matched me to someone else.\n"
    "Dr.,Ben Okafor,ben@example.org,20 W 34th St,New York,NY,10001,NY-12,\n"
)


@pytest.fixture
def house() -> Iterator[CwcServer]:
    yield from serve(HOUSE_KEY, ["HCA12", "HNY12", "HWY00"])


@pytest.fixture
def senate() -> Iterator[CwcServer]:
    # California: Schiff (class 1) and Padilla (class 3); New York: Schumer (3), Gillibrand (1).
    yield from serve(SENATE_KEY, ["SCA00", "SCA02", "SNY00", "SNY02"])


@pytest.fixture
def services(
    house: CwcServer, senate: CwcServer, monkeypatch: pytest.MonkeyPatch
) -> tuple[CwcServer, CwcServer]:
    for name, value in AGENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CIVICKIT_CWC_HOUSE_URL", house.url)
    monkeypatch.setenv("CIVICKIT_CWC_SENATE_URL", senate.url)
    monkeypatch.setenv("CIVICKIT_CWC_HOUSE_KEY", HOUSE_KEY)
    monkeypatch.setenv("CIVICKIT_CWC_SENATE_KEY", SENATE_KEY)
    return house, senate


def make_batch(tmp_path: Path, run_cli: RunCli, sheet: str = SHEET) -> Path:
    (tmp_path / "supporters.csv").write_text(sheet, encoding="utf-8")
    out = tmp_path / "out"
    run_cli(["--offline", "--as-of", "2026-11-26", "batch", str(tmp_path / "supporters.csv"),
             "--out", str(out), "--formats", "txt,cwc", "--to", "federal"]).expect(0)  # fmt: skip
    return out


def deliver(run_cli: RunCli, out: Path, *extra: str, code: int = 0) -> dict[str, object]:
    result = run_cli(["deliver", str(out), "--rate", "600/min", "--format", "json", *extra])
    result.expect(code)
    assert HOUSE_KEY not in result.output and SENATE_KEY not in result.output
    data: dict[str, object] = result.json()
    return data


def test_batch_delivers_to_house_and_senate_once_with_the_split_right(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, services: tuple[CwcServer, CwcServer]
) -> None:
    house, senate = services
    out = make_batch(tmp_path, run_cli)
    report = deliver(run_cli, out)
    assert len(report["delivered"]) == 6  # type: ignore[arg-type]
    assert len(house.state.accepted) == 2 and len(senate.state.accepted) == 4
    ada = next(etree.fromstring(doc) for doc in house.state.accepted.values() if b"HCA12" in doc)
    assert ada.findtext("Constituent/Prefix") == "Ms."
    assert ada.findtext("Constituent/LastName") == "Lopez"
    message = ada.findtext("Message/ConstituentMessage")
    assert message == "I was stopped after a camera matched me to someone else."
    statement = ada.findtext("Message/OrganizationStatement") or ""
    ada_row = json.loads((out / "manifest.jsonl").read_text("utf-8").splitlines()[0])
    (house_letter,) = [r for r in ada_row["recipients"] if "CA-12" in r["label"]]
    # The manifest's statement (the one owner, LetterContent) is the document's, with sources.
    assert statement.startswith(house_letter["statement"]) and house_letter["statement"]
    assert house_letter["constituent_message"] == message
    assert "camera matched me" not in statement  # the campaign's text only
    assert "\n\nSources:\n[1] " in statement and "The Verge" in statement
    assert ada.findtext("Delivery/DeliveryDate") == dt.date.today().strftime("%Y%m%d")
    ben = next(etree.fromstring(d) for d in house.state.accepted.values() if b"HNY12" in d)
    assert ben.find("Message/ConstituentMessage") is None  # no story: the statement alone

    again = deliver(run_cli, out)
    assert again["delivered"] == [] and len(again["already_delivered"]) == 6  # type: ignore[arg-type]
    assert len(house.state.posts) == 2 and len(senate.state.posts) == 4
    for path in [*out.rglob("*"), tmp_path]:
        if path.is_file():
            data = path.read_bytes()
            assert HOUSE_KEY.encode() not in data and SENATE_KEY.encode() not in data


def test_validate_posts_to_the_validate_endpoint_and_delivers_nothing(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, services: tuple[CwcServer, CwcServer]
) -> None:
    house, _ = services
    out = make_batch(tmp_path, run_cli)
    report = deliver(run_cli, out, "--validate")
    assert len(report["valid"]) == 6  # type: ignore[arg-type]
    assert house.state.accepted == {} and len(house.state.validated) == 2
    assert not (out / CWC_LOG).exists()


def test_refusal_is_per_letter_and_retried_on_the_next_run(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, services: tuple[CwcServer, CwcServer]
) -> None:
    house, _ = services
    out = make_batch(tmp_path, run_cli)
    house.state.answers = [Answer(400, "Constituent address could not be validated")]
    report = deliver(run_cli, out, "--chamber", "house", code=3)
    refused = report["refused"]
    assert isinstance(refused, list) and len(refused) == 1
    assert refused[0]["reason"] == "Constituent address could not be validated"
    assert len(house.state.accepted) == 1
    deliver(run_cli, out, "--chamber", "house")
    assert len(house.state.accepted) == 2


def test_a_refused_key_stops_the_run_and_is_never_shown(
    lookup_data: Path,
    tmp_path: Path,
    run_cli: RunCli,
    services: tuple[CwcServer, CwcServer],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    house, _ = services
    out = make_batch(tmp_path, run_cli)
    house.state.key = "rotated"  # the service no longer takes ours
    result = run_cli(["deliver", str(out), "--chamber", "house", "--refresh-offices"])
    result.expect(1)  # no office list with this key: the run stops before any post
    assert "refused the key (HTTP 401)" in result.stderr and house.state.posts == []
    assert "CIVICKIT_CWC_HOUSE_KEY" in result.stderr and HOUSE_KEY not in result.output
    house.state.key = HOUSE_KEY
    deliver(run_cli, out, "--chamber", "house")  # the cached list is fresh again
    house.state.answers = []
    house.state.key = "rotated-again"
    (out / CWC_LOG).unlink()
    result = run_cli(["deliver", str(out), "--chamber", "house"])
    result.expect(1)
    assert "refused the key" in result.stderr and HOUSE_KEY not in result.output


def test_rate_limits_and_server_errors_are_retried(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, services: tuple[CwcServer, CwcServer]
) -> None:
    house, _ = services
    out = make_batch(tmp_path, run_cli)
    house.state.answers = [Answer(429, headers={"Retry-After": "7"}), Answer(503), Answer(500)]
    waits: list[float] = []
    report = deliver_batch(
        out,
        {"house": CwcService("house", house.url, HOUSE_KEY)},
        session=build_session(retries=0),
        cache_dir=tmp_path / "cache",
        senate_classes=lambda state: [],
        per_minute=6000,
        sleep=waits.append,
    )
    assert len(report.delivered) == 2 and report.exit_code == 0
    assert 7.0 in waits  # Retry-After honoured
    assert house.state.posts.count(house.state.posts[0]) == 4  # the same DeliveryId each time


def test_offices_not_on_the_list_are_reported_not_guessed(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, services: tuple[CwcServer, CwcServer]
) -> None:
    house, senate = services
    house.state.offices = ["HCA12"]
    senate.state.offices = ["SCA01", "SCA02", "SNY00", "SNY02"]  # CA numbered another way
    out = make_batch(tmp_path, run_cli)
    report = deliver(run_cli, out, code=3)
    reasons = [item["reason"] for item in report["not_listed"]]  # type: ignore[attr-defined]
    assert any("HNY12 is not on the house CWC office list" in r for r in reasons)
    # Neither CA senator is delivered to: Schiff's SCA00 is missing, and Padilla's SCA02 is
    # listed but the list's CA codes do not fit the class rule, so it may be someone else's.
    assert any("SCA00 is not on the senate CWC office list" in r for r in reasons)
    assert sum("cannot tell which code is whose" in r for r in reasons) == 1
    assert len(senate.state.accepted) == 2  # New York's


def test_hostile_text_is_escaped_or_refused_per_letter(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, services: tuple[CwcServer, CwcServer]
) -> None:
    house, _ = services
    big = "word " * 21_000
    sheet = (
        "prefix,name,email,street,city,state,zip,district,story\n"
        'Ms.,Ada Lopez,ada@example.org,1 Broadway,Oakland,CA,94612,CA-12,"<b>x</b> ]]> &amp; \x07"\n'
        f"Dr.,Ben Okafor,ben@example.org,20 W 34th St,New York,NY,10001,NY-12,{big}\n"
    )
    out = make_batch(tmp_path, run_cli, sheet)
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert any("shorten the story" in note for note in manifest[1]["notes"])
    deliver(run_cli, out, "--chamber", "house")
    (document,) = house.state.accepted.values()
    assert etree.fromstring(document).findtext("Message/ConstituentMessage") == "<b>x</b> ]]> &amp;"


def test_missing_prefix_or_email_is_that_letter_s_note(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, services: tuple[CwcServer, CwcServer]
) -> None:
    sheet = (
        "prefix,name,email,street,city,state,zip,district\n"
        "Mx.,Ada Lopez,ada@example.org,1 Broadway,Oakland,CA,94612,CA-12\n"
        ",Ben Okafor,,20 W 34th St,New York,NY,10001,NY-12\n"
    )
    out = make_batch(tmp_path, run_cli, sheet)
    notes = [
        json.loads(line)["notes"] for line in (out / "manifest.jsonl").read_text().splitlines()
    ]
    assert any("'Mx.' is not one CWC takes" in note for note in notes[0])
    assert any("CWC needs a prefix" in note for note in notes[1])


def test_kill_during_delivery_then_rerun_delivers_each_exactly_once(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, services: tuple[CwcServer, CwcServer]
) -> None:
    house, senate = services
    out = make_batch(tmp_path, run_cli)
    senate.state.answers = [Answer(200), Answer(200, delay=30)]  # the second one hangs
    env = {**os.environ}
    process = subprocess.Popen(
        [sys.executable, "-m", "civickit", "deliver", str(out), "--rate", "6000/min"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while len(senate.state.posts) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert len(senate.state.posts) == 2
    senate.state.answers = []
    report = deliver(run_cli, out, code=3)  # the one cut off mid-request is unknown
    assert len(report["unknown"]) == 1  # type: ignore[arg-type]
    deliver(run_cli, out, "--retry-unknown")
    assert len(house.state.accepted) == 2 and len(senate.state.accepted) == 4
    accepted_posts = [d for d in senate.state.posts if d in senate.state.accepted]
    # Each message reached the service once, except the unknown one, retried with its own id.
    assert len(accepted_posts) == 5 and len(set(accepted_posts)) == 4


@pytest.mark.parametrize("path", ["../../etc/passwd", "/etc/passwd"])
def test_a_tampered_manifest_cannot_send_files_from_outside_the_batch(
    lookup_data: Path,
    tmp_path: Path,
    run_cli: RunCli,
    services: tuple[CwcServer, CwcServer],
    path: str,
) -> None:
    out = make_batch(tmp_path, run_cli)
    manifest = out / "manifest.jsonl"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    for fmt, command in (("cwc", ["deliver", str(out)]),):  # send's side: test_manifest_paths
        record = json.loads(lines[0])
        record["files"][0] = {**record["files"][0], "path": path, "format": fmt}
        text = "\n".join([json.dumps(record), *lines[1:]]) + "\n"
        manifest.write_text(text, encoding="utf-8")
        result = run_cli(command)
        assert result.exit_code == 3, result.describe()  # that letter fails, the others go
        assert "not a file inside the batch folder" in result.output
        assert "Traceback" not in result.output


def test_dry_run_decides_every_document_as_the_real_delivery_does(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, services: tuple[CwcServer, CwcServer]
) -> None:
    import hashlib

    from civickit.outreach.cwc_delivery import find_documents

    house, senate = services
    sheet = SHEET + "Mr.,Cy Park,cy@example.org,1 Broadway,Oakland,CA,94612,CA-12,\n"
    out = make_batch(tmp_path, run_cli, sheet)
    house.state.offices = ["HCA12"]  # Ben's HNY12 is not on the list
    documents = [d for d in find_documents(out) if d.office != "HNY12"]
    names = ("tampered", "changed", "schema", "delivered", "unknown", "ok")
    cases = dict(zip(names, documents[:6], strict=True))
    manifest = out / "manifest.jsonl"
    records = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    schema = out / cases["schema"].path
    invalid = schema.read_bytes().replace(b"<Delivery>", b"<Delivery><Bogus/>", 1)
    schema.write_bytes(invalid)  # the manifest is told: only the schema check refuses it
    for record in records:
        for item in record["files"]:
            if item["path"] == cases["tampered"].path:
                item["path"] = "../outside.xml"
            elif item["path"] == cases["schema"].path:
                item["sha256"] = hashlib.sha256(invalid).hexdigest()
    manifest.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    changed = out / cases["changed"].path
    changed.write_bytes(changed.read_bytes().replace(b"<Delivery>", b"<Delivery> ", 1))
    log = [{"delivery_id": cases[c].delivery_id, "state": s} for c, s in
           (("delivered", "delivered"), ("unknown", "sending"))]  # fmt: skip
    (out / CWC_LOG).write_text("".join(json.dumps(e) + "\n" for e in log), encoding="utf-8")

    def outcomes(report: dict[str, Any]) -> dict[str, list[str]]:
        keys = ("already_delivered", "unknown", "refused", "failed", "not_listed")
        return {key: sorted(map(json.dumps, report[key])) for key in keys}

    dry: dict[str, Any] = deliver(run_cli, out, "--dry-run", code=3)
    assert house.state.posts == senate.state.posts == []
    real: dict[str, Any] = deliver(run_cli, out, code=3)
    assert outcomes(dry) == outcomes(real)
    assert dry["would_deliver"] == real["delivered"]
    delivered = {d["file"] for d in real["delivered"]}
    assert cases["ok"].path in delivered and len(delivered) == len(find_documents(out)) - 6
    reasons = {d["file"]: d["reason"] for d in real["failed"] + real["refused"]}
    assert "not a file inside the batch folder" in reasons["../outside.xml"]
    assert "has changed since the batch wrote it" in reasons[cases["changed"].path]
    assert "civickit's schema check" in reasons[cases["schema"].path]
    assert [d["office"] for d in real["not_listed"]] == ["HNY12"]


def test_an_answer_over_the_cap_is_refused_and_one_under_it_read(house: CwcServer) -> None:
    from civickit.errors import NetworkError
    from civickit.outreach.cwc_service import MAX_BODY, parse_office_list, request

    service = CwcService("house", house.url, HOUSE_KEY)
    session = build_session(retries=0)
    codes = [f"H{number:08d}" for number in range(MAX_BODY // 13 + 1)]  # '"H00000000", '
    house.state.offices = codes
    with pytest.raises(NetworkError, match=r"^the House CWC service sent an answer over 4 MB$"):
        request(session, service, "GET", "offices")
    house.state.offices = codes[: MAX_BODY // 13 - 1000]
    answer = request(session, service, "GET", "offices")
    assert answer.status == 200 and len(parse_office_list(answer.text)) == len(house.state.offices)


def test_a_slow_answer_is_a_timeout_and_a_redirect_is_not_followed(
    lookup_data: Path, tmp_path: Path, run_cli: RunCli, services: tuple[CwcServer, CwcServer]
) -> None:
    from civickit.outreach.cwc_delivery import find_documents
    from civickit.outreach.cwc_service import request

    house, _ = services
    out = make_batch(tmp_path, run_cli)
    document = next(d for d in find_documents(out) if d.chamber == "house")
    data = (out / document.path).read_bytes()
    service = CwcService("house", house.url, HOUSE_KEY)
    session = build_session(retries=0)
    house.state.answers = [Answer(200, delay=3.0)]
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="the House CWC service"):
        request(session, service, "POST", "v2/message", body=data, seconds=0.5)
    assert time.monotonic() - started < 2.5
    time.sleep(max(0.0, started + 3.2 - time.monotonic()))  # the delayed answer is done
    house.state.answers = [Answer(302, headers={"Location": f"{house.url}/v2/message"})]
    answer = request(session, service, "POST", "v2/message", body=data)
    assert answer.status == 302
    assert len(house.state.posts) == 2  # the timed-out post and this one; no re-post
