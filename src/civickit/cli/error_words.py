"""How the CLI words the library's typed errors: with the flags and variables a CLI user has.

The library says what is wrong in words any caller can act on; where a CLI user's fix is a flag,
the error carries the data and the message is worded here.
"""

from __future__ import annotations

from civickit.errors import CivickitError
from civickit.files import ExistingOutputError, NoOutputFolderError
from civickit.lookup.adapters.remote import AdapterOfflineError
from civickit.lookup.store import NotStoredOfflineError, OfflineSyncError


def cli_message(error: CivickitError) -> str:
    """The message a CLI user sees for ``error``."""
    if isinstance(error, NotStoredOfflineError):
        return (
            f"{error.dataset} is not in the data store ({error.root}) and --offline "
            f"(CIVICKIT_OFFLINE) forbids downloading; run civickit data sync --only "
            f"{error.dataset} without --offline, or set CIVICKIT_DATA_MIRROR to a local folder"
        )
    if isinstance(error, ExistingOutputError):
        # The one output file of a command is its --out; folders of files keep their words.
        instead = "another --out" if error.instead == "another file" else error.instead
        return f"{error.path} already exists; add --force to replace it or choose {instead}"
    if isinstance(error, NoOutputFolderError):
        return f"{error.folder}: no such folder; create it first or fix --out"
    if isinstance(error, AdapterOfflineError):
        return (
            f"the {error.adapter} adapter needs the network to ask {error.service}, but offline "
            "mode is on (--offline or CIVICKIT_OFFLINE=1); drop --offline or use an adapter "
            "that works from synced data"
        )
    if isinstance(error, OfflineSyncError):
        return (
            "--offline (CIVICKIT_OFFLINE) forbids downloading; run civickit data sync "
            "without --offline, or give --mirror a local folder"
        )
    return str(error)
