"""Every ```python block in README.md and docs/*.md runs, offline, against a seeded data store.

A block runs in a fresh namespace, in an empty working folder holding ``signups.csv`` (the
supporter sheet docs/batch.md reads), with the data store seeded from tests/fixtures/lookup
(``lookup_data``) and the Census Geocoder and Open States served from local fixtures. Anything
that reaches for another host fails. A deliberately partial block is marked with an HTML comment
right before it: ``<!-- not-run: why -->``. A failure names the doc file and line.
"""

from __future__ import annotations

import socket
import traceback
from pathlib import Path
from types import CodeType
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from conftest import FIXTURES, REPO_ROOT
from support.markdown import FencedBlock, fenced_blocks

DOCS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
SNIPPETS = [block for doc in DOCS for block in fenced_blocks(doc, "python")]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
SIGNUPS = "name,email,zip,district\nAda Lopez,ada@example.test,94612,CA-12\n"


def _runs(block: FencedBlock) -> bool:
    return not (block.note or "").startswith("not-run:")


@pytest.fixture
def doc_world(
    lookup_data: Path, httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The world the docs' snippets assume; returns their working folder."""
    census = FIXTURES / "census"
    httpserver.expect_request("/geocoder/geographies/onelineaddress").respond_with_data(
        (census / "onelineaddress_eureka-ca.json").read_bytes(), content_type="application/json"
    )
    httpserver.expect_request("/geocoder/geographies/coordinates").respond_with_data(
        (census / "coordinates_cheyenne-wy_int-fields.json").read_bytes(),
        content_type="application/json",
    )
    httpserver.expect_request("/openstates/people.geo").respond_with_data(
        (FIXTURES / "openstates" / "people_geo_eureka_excerpt.json").read_bytes(),
        content_type="application/json",
    )
    monkeypatch.setenv("CIVICKIT_CENSUS_URL", httpserver.url_for("/geocoder"))
    monkeypatch.setenv("CIVICKIT_OPENSTATES_URL", httpserver.url_for("/openstates"))
    monkeypatch.setenv("OPENSTATES_API_KEY", "docs-test-key")
    monkeypatch.setenv("CIVICKIT_DATA_MIRROR", str(FIXTURES / "lookup"))
    monkeypatch.setenv("CIVICKIT_OFFLINE", "0")

    real_getaddrinfo = socket.getaddrinfo

    def local_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in LOCAL_HOSTS:
            raise OSError(f"the docs' snippets must not reach the internet (asked for {host})")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)
    work = tmp_path / "work"
    work.mkdir()
    (work / "signups.csv").write_text(SIGNUPS, encoding="utf-8")
    monkeypatch.chdir(work)
    return work


@pytest.mark.parametrize("block", [b for b in SNIPPETS if _runs(b)], ids=lambda block: block.where)
def test_python_snippet_runs(block: FencedBlock, doc_world: Path) -> None:
    # Padding with blank lines makes the traceback's line numbers the doc's own.
    code = compile("\n" * (block.line - 1) + block.text, str(block.path), "exec")
    failure = _failure(code)
    if failure is not None:
        doc = block.where.rsplit(":", 1)[0]
        pytest.fail(f"{doc}:{failure}", pytrace=False)


def _failure(code: CodeType) -> str | None:
    """Run ``code`` in a fresh namespace; ``"LINE: the snippet fails: ..."`` if it raises."""
    try:
        exec(code, {"__name__": "__doc_snippet__"})
    except Exception as error:
        frames = traceback.extract_tb(error.__traceback__)
        lines = [frame.lineno for frame in frames if frame.filename == code.co_filename]
        return f"{lines[-1] if lines else '?'}: the snippet fails: {type(error).__name__}: {error}"
    return None


def test_snippets_are_found_and_few_are_skipped() -> None:
    skipped = [b for b in SNIPPETS if not _runs(b)]
    assert len(SNIPPETS) >= 8, [b.where for b in SNIPPETS]
    assert len(skipped) <= 2, [b.where for b in skipped]
    for block in skipped:
        assert block.note is not None and block.note.removeprefix("not-run:").strip(), (
            f"{block.where}: a not-run mark needs a reason"
        )


def test_a_failing_snippet_names_its_doc_line(tmp_path: Path) -> None:
    doc = tmp_path / "docs" / "broken.md"
    doc.parent.mkdir()
    doc.write_text("# Broken\n\n```python\nx = 1\nraise ValueError(x)\n```\n", encoding="utf-8")
    (block,) = fenced_blocks(doc, "python")
    assert (block.where, block.line, block.note) == ("docs/broken.md:4", 4, None)
    with pytest.raises(pytest.fail.Exception, match=r"docs/broken.md:5: .*ValueError: 1"):
        test_python_snippet_runs(block, tmp_path)


def test_the_not_run_mark_is_read(tmp_path: Path) -> None:
    # The mark sits right before the fence; a comment further up does not count.
    doc = tmp_path / "doc.md"
    doc.write_text(
        "<!-- a note -->\n\ntext\n\n<!-- not-run: partial -->\n```python\npass\n```\n"
        "\n<!-- far -->\n\ntext\n\n```python\npass\n```\n",
        encoding="utf-8",
    )
    assert [b.note for b in fenced_blocks(doc, "python")] == ["not-run: partial", None]


def test_the_snippets_world_refuses_the_internet(doc_world: Path) -> None:
    assert (doc_world / "signups.csv").is_file()
    with pytest.raises(OSError, match="must not reach the internet"):
        socket.getaddrinfo("example.org", 443)
