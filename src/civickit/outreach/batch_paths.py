"""Paths a batch folder's manifest names, checked to stay inside the folder before any use.

A manifest line's ``files`` are paths relative to the batch folder. A tampered
``manifest.jsonl`` could name ``../../etc/passwd`` or ``/home/ada/.ssh/id_rsa`` and have packets,
``send`` or ``--resume`` read it (or delete it); a symbolic link put into the folder could do the
same through a path that looks harmless. ``batch_file`` refuses both; ``refuse_links`` refuses a
folder that holds any symbolic link at all (civickit never makes one), before a resumed run or a
send reads or writes anything in it.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from civickit.core.safety import distinct_filename
from civickit.errors import DataError, UsageError


class UnsafePathError(DataError):
    """A manifest names a file outside its batch folder (or through a symbolic link)."""


def relative_inside(relative: str) -> bool:
    """True when ``relative`` is written as a path inside a folder: not empty or absolute, no
    ``..`` step, no backslash or control character (the check without the file system)."""
    pure = PurePosixPath(relative)
    return not (
        not relative
        or pure.is_absolute()
        or ".." in pure.parts
        or "\\" in relative
        or any(ord(ch) < 32 for ch in relative)
    )


def supporter_folder(name: str, supporter_id: str) -> str:
    """A supporter's folder in the batch: readable (name and id) yet collision-free, the hash
    being of the exact id."""
    return distinct_filename(f"{name} {supporter_id}", supporter_id, "supporter")


def batch_file(out: Path, relative: str) -> Path:
    """The file ``relative`` names inside the batch folder ``out``.

    ``UnsafePathError`` when ``relative_inside`` refuses it, or when it leads (through a
    symbolic link) outside ``out``. The file need not exist.
    """
    if not relative_inside(relative) or out.resolve() not in (out / relative).resolve().parents:
        raise UnsafePathError(
            f"the manifest names {relative!r}, which is not a file inside the batch folder "
            f"{out}; it was not read (a tampered manifest.jsonl? rerun the batch in a new folder)"
        )
    return out / relative


def refuse_links(out: Path) -> None:
    """``UsageError`` when anything inside the batch folder ``out`` (``.civickit/``,
    ``manifest.jsonl``, a supporter's folder, a letter) is a symbolic link: a link would make a
    resumed run or a send read, overwrite or delete files outside the folder."""
    pending = [out]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_symlink():
                raise UsageError(
                    f"{entry.path} is a symbolic link; a batch folder holds only its own files "
                    "and is never followed out of: remove the link and run again"
                )
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
