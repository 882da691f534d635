"""One JSON shape per concept across every command (docs/json.md, docs/json/civickit.schema.json).

Every command with JSON output is run on the fixture data; each output is checked against its
schema, which refers to one definition per concept (phone, office, district, provenance,
official, candidate, batch row); and the same official, candidate or row is the same JSON
wherever it appears, since one function makes each."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from conftest import FIXTURES, REPO_ROOT
from support.cli import CliResult, invoke
from support.markdown import fenced_blocks

SCHEMA_FILE = REPO_ROOT / "docs" / "json" / "civickit.schema.json"
JSON_DOC = REPO_ROOT / "docs" / "json.md"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
CONCEPTS = ("phone", "office", "district", "provenance", "official", "candidate", "batch_row")
SENDER = ["--name", "Ada Lopez", "--from-address", "1 Main St; Oakland, CA 94612"]
SHEET = "name,zip,district\nAda Lopez,94612,\nBo Chan,10011,\nCy Diaz,,CA-14\n"


def validator(concept: str) -> Draft202012Validator:
    """The schema of one concept or command output, with every other definition in reach."""
    return Draft202012Validator(
        {**SCHEMA, "$ref": f"#/$defs/{concept}"}, format_checker=FormatChecker()
    )


def check(concept: str, data: Any) -> None:
    errors = sorted(validator(concept).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, f"{concept}: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]
    )


def run(*args: str) -> CliResult:
    result = invoke(["--as-of", "2026-11-26", *args])
    assert result.exit_code in {0, 3}, result.describe()
    return result


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The JSON of every command that has concepts in it, run once on the fixture data."""
    monkeypatch = pytest.MonkeyPatch()
    root = tmp_path_factory.mktemp("json-shapes")
    for name in ("DATA", "CACHE", "CONFIG"):
        monkeypatch.setenv(f"CIVICKIT_{name}_DIR", str(root / f"civickit-{name.lower()}"))
    monkeypatch.setenv("CIVICKIT_OFFLINE", "1")
    monkeypatch.setenv("CIVICKIT_NO_PLUGINS", "1")
    monkeypatch.delenv("CIVICKIT_DATA_MIRROR", raising=False)
    monkeypatch.delenv("OPENSTATES_API_KEY", raising=False)
    invoke(["data", "sync", "--mirror", str(FIXTURES / "lookup"), "--state", "CA"], expect=0)
    sheet = root / "signups.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    targets = FIXTURES / "targets" / "council.csv"
    out = root / "out"
    found: dict[str, Any] = {
        "lookup": run("lookup", "--district", "CA-12", "--level", "all", "--format", "json").json(),
        "lookup-ambiguous": run("lookup", "--zip", "10011", "--format", "json").json(),
        "lookup-state": run(
            "lookup", "--district", "CA-SD-2", "--level", "all", "--format", "json"
        ).json(),
        "lookup-vacant": run("lookup", "--district", "CA-14", "--format", "json").json(),
        "lookup-targets": run("lookup", "--targets", str(targets), "--format", "json").json(),
        "callscript": run("callscript", "--district", "CA-12", "--format", "json").json(),
        "letter": run("letter", "--district", "CA-12", *SENDER, "--format", "json").json(),
        "targets check": run("targets", "check", str(targets), "--format", "json").json(),
        "batch --dry-run": run(
            "batch", str(sheet), "--out", str(out), "--dry-run", "--format", "json"
        ).json(),
        "batch": run(
            "batch", str(sheet), "--out", str(out), "--no-packets", "--format", "json"
        ).json(),
    }
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    found["manifest.jsonl"] = [json.loads(line) for line in lines]
    yield found
    monkeypatch.undo()


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert set(CONCEPTS) <= set(SCHEMA["$defs"])


COMMAND_SCHEMAS = {
    "lookup": "lookup_result",
    "lookup-ambiguous": "lookup_result",
    "lookup-state": "lookup_result",
    "lookup-vacant": "lookup_result",
    "lookup-targets": "lookup_result",
    "callscript": "callscript",
    "letter": "letter",
    "targets check": "official",
    "batch --dry-run": "batch_plan",
    "batch": "batch_summary",
    "manifest.jsonl": "batch_row",
}


@pytest.mark.parametrize("command", sorted(COMMAND_SCHEMAS))
def test_every_json_output_has_one_shape_per_concept(outputs: dict[str, Any], command: str) -> None:
    data = outputs[command]
    items = data if isinstance(data, list) else [data]
    assert items, command
    for item in items:
        check(COMMAND_SCHEMAS[command], item)


def test_the_outputs_hold_every_concept(outputs: dict[str, Any]) -> None:
    """The runs above show each concept at least once, so the test checks them all."""
    ambiguous = outputs["lookup-ambiguous"]
    assert ambiguous["ambiguous"] and len(ambiguous["candidates"]) == 2
    house = outputs["lookup"]["officials"][2]
    assert house["capitol_office"]["phones"] and house["phones"] and house["district"] == "CA-12"
    assert outputs["lookup"]["provenance"]
    assert [o["vacant"] for o in outputs["lookup-vacant"]["officials"]] == [False, False, True]
    assert {o["office"] for o in outputs["lookup-targets"]["officials"]} == {"other"}
    assert {o["office"] for o in outputs["lookup-state"]["officials"]} >= {"state-upper"}
    rows = outputs["manifest.jsonl"]
    assert [r["status"] for r in rows] == ["ok", "ambiguous", "ok"]
    assert rows[0]["recipients"][0]["office"] == "us-senate"
    assert outputs["batch --dry-run"]["rows"] == len(outputs["batch --dry-run"]["records"]) == 3
    assert outputs["batch"]["rows"] == 3
    assert outputs["batch"]["provenance"] and rows[0]["provenance"]


def test_one_official_is_the_same_json_in_every_command(outputs: dict[str, Any]) -> None:
    by_name = {o["name"]: o for o in outputs["lookup"]["officials"]}
    for script in outputs["callscript"]:
        assert script["official"] == by_name[script["official"]["name"]]
    for letter in outputs["letter"]:
        assert letter["official"] == by_name[letter["official"]["name"]]


def test_a_candidate_is_the_same_json_in_lookup_and_the_manifest(outputs: dict[str, Any]) -> None:
    (row,) = [r for r in outputs["manifest.jsonl"] if r["status"] == "ambiguous"]
    assert row["candidates"] == outputs["lookup-ambiguous"]["candidates"]
    assert row["districts"] == outputs["lookup-ambiguous"]["districts"]


def test_a_dry_run_record_is_a_batch_row(outputs: dict[str, Any]) -> None:
    planned = outputs["batch --dry-run"]["records"]
    done = outputs["manifest.jsonl"]
    assert [(p["row"], p["id"], p["name"]) for p in planned] == [
        (d["row"], d["id"], d["name"]) for d in done
    ]


def _doc_examples() -> list[tuple[str, Any, str]]:
    """(concept, example, where) for each ```json block of docs/json.md under a
    ``<!-- concept: NAME -->`` note."""
    found = []
    for block in fenced_blocks(JSON_DOC, "json"):
        match = re.fullmatch(r"concept: (\w+)", (block.note or "").strip())
        if match:
            found.append((match[1], json.loads(block.text), block.where))
    return found


def _real_examples(outputs: dict[str, Any]) -> dict[str, Any]:
    house = outputs["lookup"]["officials"][2]
    return {
        "official": house,
        "office": house["capitol_office"],
        "phone": house["phones"][0],
        "district": house["district"],
        "provenance": house["provenance"],
        "candidate": outputs["lookup-ambiguous"]["candidates"][1],
        "batch_row": outputs["manifest.jsonl"][0],
    }


VARYING = frozenset({"version", "sha256", "input_hash"})  # change with the day


def mismatch(doc: Any, real: Any, where: str = "") -> str | None:
    """Where the example ``doc`` differs from the output ``real``, or None: the same keys and
    values (but those that change with the day of the run, ``VARYING``), and each list of the
    example the first items of the real one (examples cut long lists short)."""
    if isinstance(doc, dict) and isinstance(real, dict):
        if list(doc) != list(real):
            return f"{where}: keys {list(doc)} != {list(real)}"
        for key, value in doc.items():
            if key not in VARYING and (found := mismatch(value, real[key], f"{where}/{key}")):
                return found
        return None
    if isinstance(doc, list) and isinstance(real, list):
        if len(doc) > len(real) or (real and not doc):
            return f"{where}: {len(doc)} items where the output has {len(real)}"
        for index, value in enumerate(doc):
            if found := mismatch(value, real[index], f"{where}/{index}"):
                return found
        return None
    return None if doc == real else f"{where}: {doc!r} != {real!r}"


def shaped(doc: Any, real: Any) -> Any:
    """``real`` cut to the example's shape: each list as long as the example's."""
    if isinstance(doc, dict) and isinstance(real, dict):
        return {key: shaped(doc.get(key), value) for key, value in real.items()}
    if isinstance(doc, list) and isinstance(real, list):
        return [shaped(d, r) for d, r in zip(doc, real, strict=False)] if doc else real
    return real


def test_the_docs_examples_are_real_output(
    outputs: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    examples = _doc_examples()
    assert sorted({concept for concept, _, _ in examples}) == sorted(CONCEPTS)
    real = _real_examples(outputs)
    if request.config.getoption("--update-golden"):  # rewrite the examples from real output
        text = JSON_DOC.read_text(encoding="utf-8")
        for block in fenced_blocks(JSON_DOC, "json"):
            match = re.fullmatch(r"concept: (\w+)", (block.note or "").strip())
            if match:
                new = shaped(json.loads(block.text), real[match[1]])
                dumped = json.dumps(new, indent=2, ensure_ascii=False)
                text = text.replace(block.text.rstrip("\n"), dumped, 1)
        JSON_DOC.write_text(text, encoding="utf-8")
        examples = _doc_examples()
    for concept, example, where in examples:
        check(concept, example)
        assert mismatch(example, real[concept]) is None, (where, mismatch(example, real[concept]))


def test_the_schema_refuses_the_old_shapes(outputs: dict[str, Any]) -> None:
    house = outputs["lookup"]["officials"][2]
    old_phones = {**house, "phones": [p["number"] for p in house["phones"]]}
    assert not validator("official").is_valid(old_phones)
    old_script = {**outputs["callscript"][0], "official": house["name"]}
    assert not validator("callscript").is_valid(old_script)
    row = outputs["manifest.jsonl"][1]
    old_row = {**row, "candidates": [{**row["candidates"][0], "officials": ["Senator X (NY)"]}]}
    assert not validator("batch_row").is_valid(old_row)
    assert not validator("district").is_valid("ca12")
