"""No traceback, ever, for bad input (issue 12, point 7).

The issue's attack run ended 42 times in a Python traceback, from 16 distinct causes. ``CAUSES``
lists them, each with the input that triggered it; every one is fed to the real ``civickit``
in a process of its own, which must answer with one ``Error:`` line (or, for per-row problems,
one line per row and the summary), the documented exit code and no traceback. Then a sweep
gives every command that reads a file each kind of bad file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from civickit.errors import ExitCode
from support.cli import RunCli

CIVICKIT = [sys.executable, "-m", "civickit", "--as-of", "2026-11-26"]
SENDER = ["--name", "Ada Lopez", "--from-address", "1 Main St, Oakland, CA 94612"]
LETTER = ["letter", "--district", "CA-12", *SENDER]
INTERRUPTED = 130


@dataclass(frozen=True)
class Ran:
    """What one ``civickit`` process gave."""

    returncode: int
    stdout: bytes
    stderr: str


def civickit(
    args: list[str], cwd: Path, *, env: dict[str, str] | None = None, timeout: float = 60
) -> Ran:
    done = subprocess.run(
        [*CIVICKIT, *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"))


def assert_clean(ran: Ran, code: int, says: str) -> None:
    """The documented exit code, ``says`` in stderr, no traceback, and one line per error."""
    assert ran.returncode == code, ran.stderr
    assert "Traceback" not in ran.stderr
    assert any(alternative in ran.stderr for alternative in says.split("|")), ran.stderr
    errors = [line for line in ran.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) <= 1, ran.stderr
    if code in {ExitCode.USAGE, ExitCode.FAILURE}:
        assert errors, ran.stderr
        # Besides the error: click's usage hint, and the data's staleness warnings (a
        # subprocess runs on today's clock, not the tests' fixed one).
        other = ("Usage: ", "Try '", "warning: ")
        lines = [ln for ln in ran.stderr.strip().splitlines() if ln and not ln.startswith(other)]
        assert len(lines) == 1, ran.stderr


def sheet(folder: Path, text: str | bytes, name: str = "sheet.csv") -> Path:
    path = folder / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def template_dir(folder: Path, body: str) -> Path:
    templates = folder / "templates"
    templates.mkdir()
    (templates / "letter_base.txt").write_text(body, encoding="utf-8")
    return templates


def made_batch(folder: Path, *extra: str) -> Path:
    rows = "name,email,district\nAda,ada@example.org,CA-12\n"
    ran = civickit(["batch", str(sheet(folder, rows)), "--out", "out", *extra], folder)
    assert ran.returncode == 0, ran.stderr
    return folder / "out"


# -- the causes -------------------------------------------------------------------------------
# Each builds its input in a folder and returns the command's arguments.


def unclosed_quote(tmp: Path) -> list[str]:
    text = 'name,district,story\nAda,CA-12,"I care\nBo,CA-12,me too\n'
    return ["batch", str(sheet(tmp, text)), "--out", "out"]


def malformed_email(tmp: Path) -> list[str]:
    text = "name,district,email\nAda,CA-12,ada@@example..org\nBo,CA-12,bo@example.org\n"
    return ["batch", str(sheet(tmp, text)), "--out", "out", "--formats", "txt,eml"]


def control_bytes(tmp: Path) -> list[str]:
    # The state senator of CA-SD-2 has an e-mail address in the data: an .eml is written.
    text = b'name,email,district\n"A\x00da \x1b[31mLopez",ada@example.org,CA-SD-2\n'
    args = ["--out", "out", "--formats", "eml,txt", "--to", "state-upper"]
    return ["batch", str(sheet(tmp, text)), *args]


def huge_field(tmp: Path) -> list[str]:
    text = "name,district,story\nAda,CA-12," + "x" * (300 * 1024) + "\n"
    return ["batch", str(sheet(tmp, text)), "--out", "out"]


def device(_tmp: Path) -> list[str]:
    return ["batch", "/dev/zero", "--out", "out"]


def fifo(tmp: Path) -> list[str]:
    os.mkfifo(tmp / "pipe.csv")
    return ["batch", str(tmp / "pipe.csv"), "--out", "out"]


def wrong_typed_json(tmp: Path) -> list[str]:
    source = Path(__file__).resolve().parents[1] / "fixtures" / "lookup"
    mirror = tmp / "mirror" / "congress-legislators"
    mirror.mkdir(parents=True)
    people = json.loads((source / "congress-legislators" / "legislators-current.json").read_text())
    for person in people:
        person["name"], person["terms"] = 5, {"start": True}
    (mirror / "legislators-current.json").write_text(json.dumps(people))
    return ["data", "sync", "--only", "congress-legislators", "--mirror", str(tmp / "mirror")]


def story_missing(_tmp: Path) -> list[str]:
    return [*LETTER, "--story", "@missing.txt"]


def folder_as_file(tmp: Path) -> list[str]:
    (tmp / "story").mkdir()
    return [*LETTER, "--story", "@story"]


def template_code(tmp: Path) -> list[str]:
    body = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"
    return [*LETTER, "--template-dir", str(template_dir(tmp, body))]


def template_error(tmp: Path) -> list[str]:
    return [*LETTER, "--template-dir", str(template_dir(tmp, "Dear {{ 1 / 0 }}"))]


def template_symlink(tmp: Path) -> list[str]:
    templates = tmp / "templates"
    templates.mkdir()
    (templates / "letter_base.txt").symlink_to("/etc/passwd")
    return [*LETTER, "--template-dir", str(templates)]


def tampered_manifest(tmp: Path) -> list[str]:
    """Well-formed JSON of the wrong shape in a batch's manifest, then ``--resume``."""
    out = made_batch(tmp)
    lines = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    lines[0]["row"], lines[0]["files"] = "first", 5
    (out / "manifest.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    return ["batch", str(tmp / "sheet.csv"), "--out", str(out), "--resume"]


def state_symlink(tmp: Path) -> list[str]:
    out = made_batch(tmp)
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep me")
    for item in (out / ".civickit").iterdir():
        item.unlink()
    (out / ".civickit").rmdir()
    (out / ".civickit").symlink_to(elsewhere)
    return ["batch", str(tmp / "sheet.csv"), "--out", str(out), "--resume"]


def locked_folder(tmp: Path) -> list[str]:
    """A second run on a batch folder while the first holds its lock."""
    out = made_batch(tmp)
    holder = subprocess.Popen(  # holds the lock until killed
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from civickit.files import folder_lock\n"
            "with folder_lock(Path(sys.argv[1]), 'batch'):\n"
            "    print('held', flush=True); time.sleep(60)",
            str(out),
        ],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    LOCK_HOLDERS.append(holder)
    return ["batch", str(tmp / "sheet.csv"), "--out", str(out), "--resume"]


LOCK_HOLDERS: list[subprocess.Popen[bytes]] = []


def no_setuptools(tmp: Path) -> list[str]:
    """``social`` where ``pkg_resources`` cannot be imported (pipx, uv, Python 3.12)."""
    blocker = tmp / "site" / "sitecustomize.py"
    blocker.parent.mkdir()
    blocker.write_text(
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in {'pkg_resources', 'setuptools'}:\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}')\n"
        "sys.meta_path.insert(0, Block())\n"
    )
    return ["social", "check", "Ban face recognition now", "--platform", "x"]


@dataclass(frozen=True)
class Cause:
    """One cause of a traceback the issue found, and what civickit answers now."""

    name: str
    build: Callable[[Path], list[str]]
    code: int
    says: str
    env: tuple[tuple[str, str], ...] = ()


CAUSES = [
    Cause("unclosed quote", unclosed_quote, ExitCode.USAGE, "close the quote"),
    Cause("malformed e-mail", malformed_email, ExitCode.PARTIAL, "2 rows: 1 ok, 1 error"),
    Cause("NUL and ESC bytes", control_bytes, ExitCode.OK, "1 row: 1 ok"),
    Cause("field over 128 KiB", huge_field, ExitCode.USAGE, "line 2"),
    Cause("/dev/zero", device, ExitCode.USAGE, "not a regular file"),
    Cause("a FIFO", fifo, ExitCode.USAGE, "not a regular file"),
    Cause("wrong-typed JSON", wrong_typed_json, ExitCode.FAILURE, "stored copies were kept"),
    Cause("--story @missing", story_missing, ExitCode.USAGE, "missing.txt: no such file"),
    Cause("a folder given as a file", folder_as_file, ExitCode.USAGE, "story is a folder"),
    Cause("template runs code", template_code, ExitCode.FAILURE, "letter_base.txt:1:"),
    Cause("template raises", template_error, ExitCode.FAILURE, "letter_base.txt:1:"),
    Cause("template symlink", template_symlink, ExitCode.FAILURE, "leads outside its folder"),
    Cause("tampered manifest", tampered_manifest, ExitCode.USAGE, "not a manifest record"),
    Cause("symlink in --out", state_symlink, ExitCode.USAGE, "symbolic link"),
    Cause("second run on a folder", locked_folder, ExitCode.FAILURE, "in use"),
    Cause(
        "pkg_resources missing",
        no_setuptools,
        ExitCode.OK,
        "",
        env=(("PYTHONPATH", "{tmp}/site"),),
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("cause", CAUSES, ids=[c.name for c in CAUSES])
def test_each_cause_is_one_clean_line(cause: Cause, lookup_data: Path, tmp_path: Path) -> None:
    args = cause.build(tmp_path)
    env = {key: value.format(tmp=tmp_path) for key, value in cause.env}
    try:
        ran = civickit(args, tmp_path, env=env, timeout=30)
    finally:
        while LOCK_HOLDERS:
            holder = LOCK_HOLDERS.pop()
            holder.kill()
            holder.wait()
    assert_clean(ran, cause.code, cause.says)


def test_every_cause_of_the_issue_is_listed() -> None:
    assert len(CAUSES) == 16
    assert len({c.name for c in CAUSES}) == 16


@pytest.mark.slow
def test_control_bytes_never_reach_headers_files_or_the_terminal(
    lookup_data: Path, tmp_path: Path
) -> None:
    ran = civickit(control_bytes(tmp_path), tmp_path)
    assert "\x1b" not in ran.stderr and "\x00" not in ran.stderr
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert any(p.suffix == ".eml" for p in written)
    for path in written:
        data = path.read_bytes()
        assert b"\x00" not in data and b"\x1b" not in data, path


@pytest.mark.slow
def test_ctrl_c_is_exit_130_without_a_traceback(lookup_data: Path, tmp_path: Path) -> None:
    rows = "".join(f"P{i},CA-12\n" for i in range(20_000))
    path = sheet(tmp_path, "name,district\n" + rows)
    process = subprocess.Popen(
        [*CIVICKIT, "batch", str(path), "--out", "out", "--formats", "txt,html"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    manifest = tmp_path / "out" / "manifest.jsonl"
    deadline = time.monotonic() + 60
    while not (manifest.exists() and manifest.stat().st_size > 0):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)
    pressed = time.monotonic()
    _, stderr = process.communicate(timeout=10)
    assert time.monotonic() - pressed < 2.0
    assert process.returncode == INTERRUPTED
    assert stderr.decode().strip().splitlines()[-1] == "Interrupted."
    assert b"Traceback" not in stderr


# -- the sweep: every command that reads a file, given each kind of bad file ------------------

READERS: dict[str, Callable[[str], list[str]]] = {
    "batch": lambda f: ["batch", f, "--out", "out"],
    "batch --dry-run": lambda f: ["batch", f, "--out", "out", "--dry-run"],
    "targets check": lambda f: ["targets", "check", f],
    "letter --targets": lambda f: ["letter", "--targets", f, *SENDER],
    "callscript --targets": lambda f: ["callscript", "--targets", f],
    "lookup --targets": lambda f: ["lookup", "--targets", f],
    "letter --story @": lambda f: [*LETTER, "--story", f"@{f}"],
}


def bad_file(kind: str, tmp: Path) -> tuple[str, str]:
    """A bad file of ``kind`` in ``tmp``, and what the error must say about it."""
    path = tmp / f"{kind}.csv"
    if kind == "folder":
        path.mkdir()
        return str(path), "is a folder|is a directory"
    if kind == "missing":
        return str(path), "no such file"
    if kind == "unreadable":
        path.write_text("name,district\nAda,CA-12\n")
        path.chmod(0)
        return str(path), "permission denied"
    if kind == "fifo":
        os.mkfifo(path)
        return str(path), "not a regular file"
    if kind == "invalid UTF-8":
        path.write_bytes(b"\xff\xfe\xfa\x00\xd8 bad")
        return str(path), "decode"
    assert kind == "empty"
    path.write_bytes(b"")
    return str(path), "empty"


KINDS = ["folder", "missing", "unreadable", "fifo", "invalid UTF-8", "empty"]


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("reader", list(READERS))
def test_every_file_argument_refuses_a_bad_file_in_one_line(
    reader: str, kind: str, lookup_data: Path, tmp_path: Path
) -> None:
    if kind == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads any file: chmod 000 cannot make one unreadable")
    path, says = bad_file(kind, tmp_path)
    ran = civickit(READERS[reader](path), tmp_path, timeout=20)
    if reader == "letter --story @" and kind == "empty":
        assert_clean(ran, ExitCode.OK, "")  # an empty story is no story
        return
    if reader == "letter --story @" and kind == "invalid UTF-8":
        says = "is not UTF-8"
    assert_clean(ran, ExitCode.USAGE, says)
    assert path in ran.stderr or (kind == "missing" and Path(path).name in ran.stderr)


# -- the error boundary itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "code", "says"),
    [
        (PermissionError(13, "Permission denied", "sheet.csv"), 2, "sheet.csv: Permission denied"),
        (IsADirectoryError(21, "Is a directory", "story"), 2, "story: Is a directory"),
        (OSError(28, "No space left on device", "out/x.txt"), 1, "No space left on device"),
        (KeyError("name"), 1, "unexpected KeyError: 'name'; this is a bug in civickit"),
    ],
)
def test_the_boundary_gives_one_line_and_the_exit_code(
    error: BaseException,
    code: int,
    says: str,
    run_cli: RunCli,
    lookup_data: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from civickit.materials import letters

    def fail(*_args: object, **_kwargs: object) -> str:
        raise error

    monkeypatch.setattr(letters.LetterRenderer, "render", fail)
    result = run_cli(LETTER)
    assert result.exit_code == code, result.describe()
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: ")
    assert says in result.stderr
    if code == 2 and isinstance(error, OSError):
        assert result.stderr.rstrip().endswith("check the path")


def test_a_file_that_cannot_be_read_is_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civickit.errors import UsageError
    from civickit.tabular import read_text

    path = tmp_path / "story.txt"
    path.write_text("hello")
    original = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(UsageError, match=r"story\.txt: not readable \(permission denied\)"):
        read_text(path, what="--story file")
