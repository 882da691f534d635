"""Writing a finished output file without ever leaving a half-written or clobbered one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from civickit.errors import UsageError


def write_output(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; an existing file is replaced only with ``force``.

    The bytes go to a temporary file in the same folder that is then renamed over ``path``, so
    a failure part-way leaves whatever was there before untouched.
    """
    target = path.expanduser()
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give a file name such as {target / 'out'}")
    if target.exists() and not force:
        raise UsageError(f"{target} exists; add --force to replace it or choose another --out")
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder; create it first or fix --out")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
