"""``cli/output.py``: data to stdout or a file, messages to stderr, JSON with a newline."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import click
import pytest

from civickit.cli.output import emit, message, notes, write_data
from civickit.files import ExistingOutputError
from support.cli import RunCli, run_command


@click.command()
@click.argument("out")
@click.option("--force", is_flag=True)
def _demo(out: str, force: bool) -> None:
    message("working")
    notes(["a seat is vacant"])
    written = write_data(b"\x00bytes", out, force=force)
    emit("json", {"written": str(written)})


def test_data_and_messages_go_their_own_ways(tmp_path: Path) -> None:
    to_stdout = run_command(_demo, ["-"])
    assert to_stdout.exit_code == 0
    assert to_stdout.stderr == "working\nNote: a seat is vacant\n"
    assert to_stdout.stdout_bytes == b'\x00bytes{\n  "written": "None"\n}\n'
    target = tmp_path / "f.bin"
    to_file = run_command(_demo, [str(target)])
    assert target.read_bytes() == b"\x00bytes"
    assert json.loads(to_file.stdout) == {"written": str(target)}
    again = run_command(_demo, [str(target)])
    assert again.exit_code == 1  # not under the civickit group: the UsageError propagates
    assert isinstance(again.exception, ExistingOutputError)  # the group words it with --force
    forced = run_command(_demo, [str(target), "--force"])
    assert forced.exit_code == 0


def test_every_json_output_ends_with_one_newline(run_cli: RunCli) -> None:
    result = run_cli(["campaign", "show", "--format", "json"], expect=0)
    assert result.stdout.endswith("}\n") and not result.stdout.endswith("\n\n")


def test_library_holds_no_text_views() -> None:
    import civickit.materials.social as social
    import civickit.materials.textcount as textcount

    assert not hasattr(social, "posts_text")
    assert not hasattr(textcount, "measures_text")
    with pytest.raises(ModuleNotFoundError):  # moved to civickit.cli.campaign_views
        importlib.import_module("civickit.materials.listing")
    import civickit.lookup.store as store
    from civickit.outreach.delivery import SendReport
    from civickit.outreach.summary import BatchPlan, BatchSummary

    # moved to civickit.cli.data_views and civickit.cli.batch_views
    assert not hasattr(store, "status_text") and not hasattr(store, "summarise_sync")
    assert not hasattr(BatchPlan, "text") and not hasattr(BatchSummary, "line")
    assert not hasattr(SendReport, "line")
