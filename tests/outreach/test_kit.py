"""``batch --kit``: each supporter's own materials in the supporter's language (the row's
``language`` cell, else ``--lang``), whatever language the letters to offices are in
(``--letter-lang``): a call script per supporter, the fact sheet and posts once per language."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batch_support import manifest, write_csv
from civickit.errors import UsageError
from civickit.outreach.batch_paths import relative_inside
from civickit.outreach.kit import KIT_PARTS, parse_kit
from civickit.outreach.manifest import sha256_file
from support.cli import CliResult, invoke
from support.golden import Golden

ROWS = [
    ["name", "street", "city", "state", "zip", "district", "Idioma"],
    ["Ada Lopez", "", "Oakland", "CA", "94612", "CA-12", "Spanish"],
    ["Ben Chen", "", "", "", "", "CA-12", "en"],
    ["Carla Ruiz", "", "", "", "", "CA-12", "ESPAÑOL"],
    ["Dev Patel", "", "Oakland", "CA", "94612", "", ""],
]
AS_OF = ["--as-of", "2026-11-26"]


def batch(sheet: Path, out: Path, *extra: str, expect: int = 0) -> CliResult:
    options = ["--out", str(out), "--to", "house", "--no-packets", "-q", *extra]
    return invoke([*AS_OF, "batch", str(sheet), *options], expect=expect)


def by_name(out: Path) -> dict[str, dict[str, Any]]:
    return {str(record["name"]): record for record in manifest(out)}


def kit_text(out: Path, record: dict[str, Any], suffix: str) -> str:
    (path,) = [f["path"] for f in record["kit"] if f["path"].endswith(suffix)]
    return (out / str(path)).read_text(encoding="utf-8")


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "sheet.csv", ROWS)


def test_kit_follows_each_supporter_while_letters_stay_english(
    lookup_data: Path, sheet: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    batch(sheet, out, "--letter-lang", "en", "--kit", "all", "--formats", "txt,md")
    records = by_name(out)
    assert {name: r["language"] for name, r in records.items()} == {
        "Ada Lopez": "es",
        "Ben Chen": "en",
        "Carla Ruiz": "es",
        "Dev Patel": "en",
    }
    for record in records.values():  # the letters to offices: English, as --letter-lang says
        (letter,) = [f["path"] for f in record["files"] if f["path"].endswith(".txt")]
        assert "Sincerely," in (out / letter).read_text(encoding="utf-8")
    ada = kit_text(out, records["Ada Lopez"], "callscript.es.txt")
    assert "Ada Lopez" in ada and "Oakland, CA 94612" in ada and "Lateefah Simon" in ada
    assert "Hola" in ada or "Buenos" in ada or "me llamo" in ada, ada
    assert "Hello, my name is" not in ada and "[" not in ada
    carla = kit_text(out, records["Carla Ruiz"], "callscript.es.txt")
    assert "Carla Ruiz" in carla and "CA-12" in carla and "[" not in carla
    assert "Guion de llamada" in kit_text(out, records["Carla Ruiz"], "callscript.es.md")
    ben = kit_text(out, records["Ben Chen"], "callscript.en.txt")
    assert "Hello, my name is Ben Chen and I live in CA-12." in ben
    dev = kit_text(out, records["Dev Patel"], "callscript.en.txt")
    assert "Hello, my name is Dev Patel and I live in Oakland, CA 94612." in dev
    shared = {
        f"kit/{part}.{code}.{ext}"
        for code in ("en", "es")
        for part, ext in (("factsheet", "html"), ("factsheet", "md"), ("posts", "txt"))
    }
    assert {str(p.relative_to(out)) for p in (out / "kit").iterdir()} == shared
    # The shared files follow their language too, whatever language the letters are in.
    kit = out / "kit"
    assert '<html lang="es"' in (kit / "factsheet.es.html").read_text(encoding="utf-8")
    assert "Datos clave" in (kit / "factsheet.es.md").read_text(encoding="utf-8")
    assert "Key facts" in (kit / "factsheet.en.md").read_text(encoding="utf-8")
    assert "Cómo actuar:" in (kit / "posts.es.txt").read_text(encoding="utf-8")
    assert "Cómo actuar:" not in (kit / "posts.en.txt").read_text(encoding="utf-8")
    for record in records.values():
        links = {f["path"]: f["sha256"] for f in record["kit"] if f["path"].startswith("kit/")}
        code = record["language"]
        assert set(links) == {p for p in shared if f".{code}." in p}
        assert all(sha256_file(out / path) == digest for path, digest in links.items())
        own = [f["path"] for f in record["kit"] if f["path"] not in links]
        assert len(own) == 2 and all(p.startswith(f"{record['folder']}/") for p in own)
    # Each language's call scripts (txt and md) and its three shared files.
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["kit"] == {"en": 2 * 2 + 3, "es": 2 * 2 + 3}
    csv_text = (out / "manifest.csv").read_text(encoding="utf-8-sig")
    assert "kit/posts.es.txt sha256:" in csv_text and ",es," in csv_text


def test_without_kit_nothing_more_is_written(
    lookup_data: Path, sheet: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    batch(sheet, out)
    assert not (out / "kit").exists()
    assert all(record["kit"] == [] for record in manifest(out))
    assert not list(out.glob("*/callscript.*"))
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["kit"] == {}


def test_resume_keeps_kit_files_and_writes_missing_ones(
    lookup_data: Path, sheet: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    batch(sheet, out, "--kit", "callscript,posts")
    files = sorted(p for p in out.rglob("*") if p.is_file() and ".civickit" not in p.parts)
    kit_files = [p for p in files if "callscript" in p.name or p.parent.name == "kit"]
    assert len(kit_files) == 4 + 2
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in kit_files}
    ada_script = next(p for p in kit_files if p.name == "callscript.es.txt" and "ada" in str(p))
    ada_script.unlink()
    (out / "kit" / "posts.en.txt").unlink()
    batch(sheet, out, "--resume")  # --kit is kept from the batch's options
    for path, (data, mtime) in before.items():
        assert path.read_bytes() == data
        if path not in {ada_script, out / "kit" / "posts.en.txt"}:
            assert path.stat().st_mtime_ns == mtime, path
    assert by_name(out)["Ada Lopez"]["kit"]


def test_resume_with_another_kit_is_refused(lookup_data: Path, sheet: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(sheet, out, "--kit", "posts")
    result = batch(sheet, out, "--resume", "--kit", "all", expect=2)
    assert "--kit callscript,factsheet,posts conflicts with posts" in result.stderr


def test_kit_from_the_environment(lookup_data: Path, sheet: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    options = ["--out", str(out), "--to", "house", "--no-packets", "-q"]
    invoke([*AS_OF, "batch", str(sheet), *options], env={"CIVICKIT_BATCH_KIT": "posts"}, expect=0)
    assert sorted(p.name for p in (out / "kit").iterdir()) == ["posts.en.txt", "posts.es.txt"]


def test_hostile_names_stay_in_their_folders(lookup_data: Path, tmp_path: Path) -> None:
    names = ["../../etc/passwd", "Bob <script>alert(1)</script>", "CON", "..", "a\\b/c"]
    rows = [["name", "district", "language"], *([n, "CA-12", "es"] for n in names)]
    sheet = write_csv(tmp_path / "sheet.csv", rows)
    out = tmp_path / "out"
    batch(sheet, out, "--kit", "callscript")
    records = manifest(out)
    assert len({r["folder"] for r in records}) == len(names)
    for record in records:
        (item,) = record["kit"]
        assert relative_inside(item["path"]) and item["path"].count("/") == 1
        path = (out / item["path"]).resolve()
        assert path.parent.parent == out.resolve() and path.is_file()
        assert record["name"] in path.read_text(encoding="utf-8")


def test_dry_run_lists_the_kit_files(lookup_data: Path, sheet: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["--dry-run", "--format", "json", "--kit", "all", "--formats", "txt,pdf"]
    plan = batch(sheet, out, *args).json()
    ada = next(r for r in plan["records"] if r["name"] == "Ada Lopez")
    paths = [f["path"] for f in ada["kit"]]
    assert paths == [
        f"{ada['folder']}/callscript.es.txt",
        "kit/factsheet.es.html",
        "kit/factsheet.es.pdf",
        "kit/posts.es.txt",
    ]
    assert not out.exists()
    text = batch(sheet, out, "--dry-run", "--kit", "all").stdout
    assert (
        "Kit files (in each supporter's language): 4 call script files in supporter folders, "
        "kit/factsheet.en.html, kit/factsheet.es.html, kit/posts.en.txt, kit/posts.es.txt\n"
    ) in text
    assert not out.exists()
    real = tmp_path / "real"
    batch(sheet, real, "--kit", "callscript")
    assert (
        by_name(real)["Ada Lopez"]["folder"] == ada["folder"]
    )  # the plan's folder is the real one


def test_golden_spanish_call_script_from_a_batch(
    lookup_data: Path, sheet: Path, tmp_path: Path, golden: Golden
) -> None:
    out = tmp_path / "out"
    batch(sheet, out, "--letter-lang", "en", "--kit", "callscript", "--to", "house,senate")
    golden.check(
        "kit/callscript-ada-lopez.es.txt", kit_text(out, by_name(out)["Ada Lopez"], ".txt")
    )


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("all", KIT_PARTS),
        ("none", ()),
        ("Posts, callscript", ("callscript", "posts")),
        ("factsheet,all", KIT_PARTS),
    ],
)
def test_parse_kit(text: str, parts: tuple[str, ...]) -> None:
    assert parse_kit(text) == parts


@pytest.mark.parametrize("text", ["", "letters", "none,posts", " , "])
def test_parse_kit_refuses(text: str) -> None:
    with pytest.raises(UsageError, match="--kit"):
        parse_kit(text)


@given(st.lists(st.sampled_from(KIT_PARTS), min_size=1), st.sampled_from([",", ", ", " ,"]))
def test_parse_kit_any_order_and_case(words: list[str], sep: str) -> None:
    parsed = parse_kit(sep.join(w.upper() if len(w) % 2 else w for w in words))
    assert parsed == tuple(p for p in KIT_PARTS if p in words)


def test_a_kit_part_that_fails_is_the_rows_note(
    lookup_data: Path, sheet: Path, tmp_path: Path
) -> None:
    from civickit.campaign import load_campaign

    folder = tmp_path / "mine"
    (folder / "templates").mkdir(parents=True)
    builtin = Path(load_campaign().path) / "campaign.toml"
    (folder / "campaign.toml").write_text(builtin.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "templates" / "callscript.txt").write_text("{{ nothing.here }}\n", encoding="utf-8")
    out = tmp_path / "out"
    options = ["--out", str(out), "--to", "house", "--no-packets", "-q", "--kit", "all"]
    invoke([*AS_OF, "--campaign", str(folder), "batch", str(sheet), *options], expect=0)
    records = by_name(out)
    ben, ada = records["Ben Chen"], records["Ada Lopez"]
    assert ben["status"] == "ok" and ben["files"]  # the letter is written all the same
    assert any(
        n.startswith("kit: no call script: ") and "callscript.txt" in n for n in ben["notes"]
    )
    assert [f["path"] for f in ben["kit"]] == ["kit/factsheet.en.html", "kit/posts.en.txt"]
    assert [f["path"] for f in ada["kit"]] == ["kit/factsheet.es.html", "kit/posts.es.txt"]


def test_config_key_defaults_kit(isolated_env: Path) -> None:
    invoke(["config", "set", "defaults.kit", "Posts, callscript"], expect=0)
    assert invoke(["config", "get", "defaults.kit"], expect=0).stdout.strip() == "callscript,posts"
    refused = invoke(["config", "set", "defaults.kit", "letters"], expect=2)
    assert "unknown part letters" in refused.stderr


def test_factsheet_pdf_with_pdf_letters(lookup_data: Path, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "sheet.csv", [["name", "district"], ["Ada Lopez", "CA-12"]])
    out = tmp_path / "out"
    batch(sheet, out, "--formats", "pdf", "--kit", "factsheet", "--lang", "es")
    (record,) = manifest(out)
    assert [f["path"] for f in record["kit"]] == ["kit/factsheet.es.html", "kit/factsheet.es.pdf"]
    assert (out / "kit" / "factsheet.es.pdf").read_bytes().startswith(b"%PDF-")
    assert record["language"] == "es"


def test_resume_without_a_supporter_removes_their_call_script(
    lookup_data: Path, sheet: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    batch(sheet, out, "--kit", "callscript")
    dev = out / by_name(out)["Dev Patel"]["folder"]
    assert (dev / "callscript.en.txt").is_file()
    batch(write_csv(tmp_path / "fewer.csv", ROWS[:-1]), out, "--resume")
    assert not dev.exists()  # its letter, its call script and its folder
    assert sorted(by_name(out)) == ["Ada Lopez", "Ben Chen", "Carla Ruiz"]
