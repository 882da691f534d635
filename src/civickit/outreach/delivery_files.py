"""The one check of a file ``send`` or ``deliver`` is about to hand on, shared by their dry runs.

A manifest line lists each file with the SHA-256 of the bytes the batch wrote. Before a message
or CWC document leaves (and when a dry run says whether it would), ``read_listed`` reads it once
and refuses it when its path leaves the batch folder, when it is gone, or when its bytes are not
those the manifest recorded (edited or swapped since the batch). The bytes it returns are the
bytes that were checked, so nothing can change between the check and the send.
"""

from __future__ import annotations

from pathlib import Path

from civickit.errors import DataError
from civickit.outreach.batch_paths import batch_file
from civickit.outreach.manifest import sha256_bytes


class ChangedFileError(DataError):
    """A listed file is gone or is not the file the batch wrote."""


def read_listed(batch_dir: Path, relative: str, sha256: str) -> bytes:
    """The bytes of ``relative`` in the batch folder, as the manifest recorded them.

    ``UnsafePathError`` for a path outside the folder; ``ChangedFileError`` for a file that is
    missing, unreadable or whose SHA-256 differs from ``sha256`` (``""``: none recorded)."""
    path = batch_file(batch_dir, relative)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ChangedFileError(
            f"{relative} is listed in the manifest but missing; rerun the batch"
        ) from None
    except OSError as exc:
        raise ChangedFileError(
            f"{relative} cannot be read ({exc.strerror}); rerun the batch"
        ) from None
    if sha256 and sha256_bytes(data) != sha256:
        raise ChangedFileError(
            f"{relative} has changed since the batch wrote it (its SHA-256 is not the "
            "manifest's); it was not used: rerun the batch to make it again"
        )
    return data
