"""``civickit.files``: the one atomic writer and the one overwrite refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from civickit.errors import UsageError
from civickit.files import (
    ExistingOutputError,
    atomic_file,
    current_umask,
    refuse_existing,
    write_atomically,
)


def test_new_files_get_the_umask_mode_and_a_given_mode_exactly(tmp_path: Path) -> None:
    write_atomically(tmp_path / "a", b"1")
    write_atomically(tmp_path / "b", b"2", mode=0o640, durable=True)
    assert (tmp_path / "a").stat().st_mode & 0o777 == 0o666 & ~current_umask()
    assert (tmp_path / "b").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "letter.txt"
    target.write_bytes(b"before")
    with pytest.raises(RuntimeError), atomic_file(target) as stream:
        stream.write(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"before"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.txt"]


def test_temporary_files_can_live_in_another_folder(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    with atomic_file(tmp_path / "out.txt", temp_dir=temp) as stream:
        stream.write(b"x")
        assert len(list(temp.iterdir())) == 1
    assert (tmp_path / "out.txt").read_bytes() == b"x"
    assert list(temp.iterdir()) == []


def test_the_overwrite_refusal_names_the_file_and_the_fix(tmp_path: Path) -> None:
    free, taken = tmp_path / "free", tmp_path / "taken"
    taken.write_text("mine", encoding="utf-8")
    refuse_existing([free], force=False)
    refuse_existing([free, taken], force=True)
    with pytest.raises(ExistingOutputError) as error:
        refuse_existing([free, taken], force=False, instead="another folder")
    assert isinstance(error.value, UsageError)
    assert (error.value.path, error.value.instead) == (taken, "another folder")
    # A library caller has no --force; the CLI words it with the flag (tests/cli).
    assert str(error.value) == (
        f"{taken} already exists; allow replacing it or choose another folder"
    )
