"""Append-only, fsynced logs of deliveries (``send``'s and ``deliver``'s), and the files of a
batch they deliver.

A log line is written and made durable before the next step, so a run killed at any point
leaves a log that says what happened up to there; a line cut short by the kill is dropped
before the next append. ``listed_files`` reads the files of a format from the manifest (each
path is then checked by ``batch_paths.batch_file`` before it is opened).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, Literal

from civickit.errors import UsageError
from civickit.outreach.manifest import MANIFEST_JSONL, drop_partial_tail, read_journal


class Journal:
    """An append-only log of JSON lines, each flushed and fsynced before ``record`` returns."""

    def __init__(self, path: Path) -> None:
        if path.is_symlink():
            raise UsageError(f"{path} is a symbolic link; remove it (logs are never followed)")
        drop_partial_tail(path)
        self._file = path.open("ab")

    def record(self, entry: dict[str, Any]) -> None:
        """Append ``entry`` (with the time) and make it durable before going on."""
        line = {"time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **entry}
        self._file.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        """Close the log."""
        self._file.close()

    @staticmethod
    def states(path: Path, key: str) -> dict[str, str]:
        """``entry[key]`` -> the last ``state`` recorded for it."""
        found: dict[str, str] = {}
        for _, entry in read_journal(path):
            if isinstance(entry.get(key), str) and isinstance(entry.get("state"), str):
                found[entry[key]] = entry["state"]
        return found


def rerun_verdict(
    state: str | None, done: str, *, retry_unknown: bool
) -> Literal["done", "unknown", "due"]:
    """The one rule of a re-run over a delivery log (``send``'s and ``deliver``'s): the
    ``done`` state (``sent``, ``delivered``) is never repeated; ``sending`` with no later line
    (the run died mid-request) is unknown, repeated only with ``retry_unknown``; anything
    else (no line yet, ``failed``, ``refused``) is due."""
    if state == done:
        return "done"
    if state == "sending" and not retry_unknown:
        return "unknown"
    return "due"


def listed_files(batch_dir: Path, fmt: str) -> dict[str, str]:
    """The files of format ``fmt`` the batch's manifest lists for its ``ok`` rows, in row
    order, each once, with the SHA-256 the manifest recorded for it (``""`` when none)."""
    manifest = batch_dir / MANIFEST_JSONL
    if not manifest.is_file():
        raise UsageError(
            f"{batch_dir} has no {MANIFEST_JSONL}; give the --out folder of 'civickit batch'"
        )
    found: dict[str, str] = {}
    for _, record in sorted(read_journal(manifest), key=lambda item: item[1].get("row", 0)):
        if record.get("status") != "ok":
            continue
        for item in record.get("files", []):
            if item.get("format") == fmt and isinstance(item.get("path"), str):
                digest = item.get("sha256")
                found.setdefault(item["path"], digest if isinstance(digest, str) else "")
    return found
