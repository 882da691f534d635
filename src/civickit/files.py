"""Writing a finished output file without ever leaving a half-written or clobbered one.

The one owner of three rules: every file civickit writes goes through a temporary file and a
rename (``atomic_file`` / ``write_atomically``), an existing file is replaced only when the
caller says so (``force``; ``refuse_existing``), and a folder that several runs may share (a
batch folder) is changed by one run at a time (``folder_lock``).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import itertools
import json
import os
import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from civickit.errors import CivickitError, UsageError

_TEMP_COUNTER = itertools.count()


class ExistingOutputError(UsageError):
    """An output file exists and the caller did not allow replacing it (the CLI: ``--force``)."""

    def __init__(self, path: Path, instead: str) -> None:
        self.path = path
        self.instead = instead
        super().__init__(f"{path} already exists; allow replacing it or choose {instead}")


class NoOutputFolderError(UsageError):
    """The folder an output file was to go in does not exist."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(f"{folder}: no such folder; create it first or choose another path")


def refuse_existing(paths: Iterable[Path], *, force: bool, instead: str = "another file") -> None:
    """The overwrite refusal: an ``ExistingOutputError`` naming the first of ``paths`` that
    exists, unless ``force``. ``instead`` is what else the user may choose (``another file``)."""
    if force:
        return
    for path in paths:
        if path.exists():
            raise ExistingOutputError(path, instead)


def write_output(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; an existing file is replaced only with ``force``.

    The bytes go to a temporary file in the same folder that is then renamed over ``path``, so
    a failure part-way leaves whatever was there before untouched.
    """
    target = path.expanduser()
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give a file name such as {target / 'out'}")
    refuse_existing([target], force=force)
    folder = target.parent
    if not folder.is_dir():
        raise NoOutputFolderError(folder)
    write_atomically(target, data)
    return target


@contextmanager
def atomic_file(
    target: Path,
    *,
    mode: int | None = None,
    durable: bool = False,
    temp_dir: Path | None = None,
) -> Iterator[BinaryIO]:
    """A binary stream whose bytes appear at ``target`` only when the block ends cleanly.

    The bytes go to a temporary file (in ``temp_dir``, default ``target``'s folder; it must be
    on the same file system) that is renamed over ``target``. ``mode`` defaults to what any new
    file gets under the umask; ``durable`` fsyncs the data before the rename. A failure leaves
    ``target`` as it was and no temporary file behind.
    """
    folder = temp_dir if temp_dir is not None else target.parent
    # pid + counter: unique among this run's processes without tempfile's random retries.
    temporary = f"{folder}/.{target.name[:40]}.{os.getpid()}-{next(_TEMP_COUNTER)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(temporary, flags, 0o666 if mode is None else 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            if mode is not None:
                os.fchmod(stream.fileno(), mode)
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, target)  # noqa: PTH105 - str paths: this runs per letter
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(
    target: Path,
    data: bytes,
    *,
    mode: int | None = None,
    durable: bool = False,
    temp_dir: Path | None = None,
) -> None:
    """Write ``data`` to ``target`` through ``atomic_file`` (same options)."""
    with atomic_file(target, mode=mode, durable=durable, temp_dir=temp_dir) as stream:
        stream.write(data)


def current_umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


LOCK_FOLDER = ".civickit"
LOCK_FILE = "lock"


class FolderLockedError(CivickitError):
    """Another run holds the folder's lock (exit 1: try again when it has finished)."""


@contextmanager
def folder_lock(folder: Path, command: str) -> Iterator[Path]:
    """Hold ``<folder>/.civickit/lock`` for the duration: one run at a time per folder.

    The lock is an ``flock`` on that file, which the kernel drops when its process ends, so the
    lock of a killed run (``kill -9``, a power cut) is stale at once and the next run takes it
    over. A second live run is refused straight away, naming the holder (pid, host, command and
    since when). The lock file is never followed through a symbolic link.
    """
    state = folder / LOCK_FOLDER
    if state.is_symlink():
        raise UsageError(
            f"{state} is a symbolic link; a batch folder keeps its own state, remove the link"
        )
    state.mkdir(parents=True, exist_ok=True)
    path = state / LOCK_FILE
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise UsageError(f"{path}: cannot open the lock file ({exc.strerror}); remove it") from exc
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderLockedError(
                f"{folder} is in use by {_holder(descriptor)}; wait for it to finish "
                "(or stop it) and run again"
            ) from None
        holder = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "command": command,
            "since": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps(holder).encode("utf-8"), 0)
        yield path
        os.ftruncate(descriptor, 0)  # released: no holder to name any more
    finally:
        os.close(descriptor)  # closing drops the flock


def _holder(descriptor: int) -> str:
    try:
        holder = json.loads(os.pread(descriptor, 4096, 0) or b"{}")
        return (
            f"civickit {holder['command']} (pid {holder['pid']} on {holder['host']}, "
            f"since {holder['since']})"
        )
    except (ValueError, KeyError, TypeError):
        return "another civickit run"


def store_file(target: Path, data: bytes, mode: int = 0o640) -> None:
    """Replace ``target`` atomically and durably (its folder made if need be); never readable
    by other users (metadata, which names sources, is the owner's alone: ``0o600``)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data, mode=mode, durable=True)
