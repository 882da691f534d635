"""The ``--out`` folder of a batch: what may be written into it (never someone else's files)."""

from __future__ import annotations

from pathlib import Path

from civickit.errors import UsageError
from civickit.files import LOCK_FILE, LOCK_FOLDER
from civickit.outreach.batch_paths import refuse_links
from civickit.outreach.manifest import MANIFEST_JSONL


def check_out_dir(out: Path, *, resume: bool) -> None:
    """Refuse to write into a folder holding something else; never overwrite user data."""
    if not out.exists():
        return
    if not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a folder for the batch output")
    if resume:
        refuse_links(out)
    has_manifest = (out / MANIFEST_JSONL).exists()
    if resume and not has_manifest and _holds_files(out):
        raise UsageError(
            f"--out {out} holds files but no {MANIFEST_JSONL}; it is not a batch folder, "
            "choose an empty or new folder"
        )
    if not resume and _holds_files(out):
        hint = "add --resume to continue that batch" if has_manifest else "choose a new folder"
        raise UsageError(f"--out {out} is not empty; {hint}")


def _holds_files(out: Path) -> bool:
    """Anything in ``out`` but the lock a run (this one, or a killed one) left there."""
    state = out / LOCK_FOLDER
    for entry in out.iterdir():
        if entry == state and entry.is_dir() and not entry.is_symlink():
            if any(item.name != LOCK_FILE for item in entry.iterdir()):
                return True
            continue
        return True
    return False
