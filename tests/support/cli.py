"""One way to run the real click app in a test: ``invoke`` and the typed ``CliResult``
(``run_command`` runs a test's own click command the same way)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import click
from click.testing import CliRunner


@dataclass(frozen=True)
class CliResult:
    """What one ``civickit ...`` run gave: exit code, stdout and stderr kept apart."""

    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str
    output: str
    stdout_bytes: bytes
    exception: BaseException | None

    def json(self) -> Any:
        """stdout parsed as JSON; a clear assertion error (with stderr) when it is not JSON."""
        try:
            return json.loads(self.stdout)
        except ValueError as error:
            raise AssertionError(f"{self.describe()}\nstdout is not JSON: {error}") from None

    def expect(self, exit_code: int) -> CliResult:
        """Assert the exit code, showing the command, its stderr and any exception if not."""
        assert self.exit_code == exit_code, (
            f"expected exit code {exit_code}, got {self.exit_code}\n{self.describe()}"
        )
        return self

    def describe(self) -> str:
        """The command, exit code, stderr and unexpected exception, for assertion messages."""
        lines = [f"civickit {' '.join(self.args)} -> exit {self.exit_code}"]
        lines.append(f"stderr: {self.stderr!r}" if self.stderr else "stderr: (empty)")
        if self.exception is not None and not isinstance(self.exception, SystemExit):
            lines.append(f"exception: {self.exception!r}")
        return "\n".join(lines)

    def __repr__(self) -> str:  # pytest shows it in "where 1 = CliResult(...).exit_code"
        return f"CliResult<{self.describe().replace(chr(10), '; ')}>"


def run_command(
    command: click.Command,
    args: Sequence[str],
    *,
    input: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
    catch_exceptions: bool = True,
) -> CliResult:
    """Run ``command ARGS`` in-process through click and keep what it gave."""
    result = CliRunner().invoke(
        command, list(args), input=input, env=env, catch_exceptions=catch_exceptions
    )
    return CliResult(
        args=tuple(args),
        exit_code=result.exit_code,
        stdout=result.stdout,
        stderr=result.stderr,
        output=result.output,
        stdout_bytes=result.stdout_bytes,
        exception=result.exception,
    )


class RunCli:
    """Runs ``civickit ARGS`` in-process through click; the ``run_cli`` fixture is one of these."""

    def __call__(
        self,
        args: Sequence[str],
        *,
        input: str | bytes | None = None,
        env: Mapping[str, str | None] | None = None,
        expect: int | None = None,
        catch_exceptions: bool = True,
    ) -> CliResult:
        """Run ``civickit ARGS``; assert the exit code ``expect`` when it is given."""
        from civickit.cli import cli

        outcome = run_command(cli, args, input=input, env=env, catch_exceptions=catch_exceptions)
        if expect is not None:
            outcome.expect(expect)
        return outcome


invoke: Final = RunCli()
"""For helpers that are not tests themselves (e.g. a module's ``run(*args)``)."""
