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
    write_atomically(target, data)
    return target


def write_atomically(
    target: Path, data: bytes, *, mode: int | None = None, durable: bool = False
) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder and a rename.

    ``mode`` defaults to what any new file gets under the umask (temporary files start private);
    ``durable`` fsyncs the data before the rename. A failure leaves ``target`` as it was and no
    temporary ``.<name>.*.tmp`` file behind.
    """
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        Path(temporary).chmod(0o666 & ~current_umask() if mode is None else mode)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
