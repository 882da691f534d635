"""Errors raised by the civickit library and the exit codes the CLI maps them to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes."""

    OK = 0
    FAILURE = 1  # the run itself failed (network, files, data)
    USAGE = 2  # the input or options were wrong; nothing was done
    PARTIAL = 3  # a batch finished but some rows were not ok


class CivickitError(Exception):
    """Base class: the message says what went wrong and how to fix it."""

    exit_code: ExitCode = ExitCode.FAILURE


class UsageError(CivickitError):
    """The user's input or options cannot be used as given."""

    exit_code = ExitCode.USAGE


class ValidationError(UsageError):
    """A file failed validation; ``problems`` lists every problem, each with its fix."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        if len(problems) == 1:
            message = f"{path}: {problems[0]}"
        else:
            listed = "\n".join(f"  - {problem}" for problem in problems)
            message = f"{path}: {len(problems)} problems:\n{listed}"
        super().__init__(message)


class CampaignError(ValidationError):
    """A campaign folder or file failed validation."""


class DateError(UsageError):
    """A date string could not be understood."""


class TemplateRenderError(CivickitError):
    """A template failed to render; the message names template and line."""


class DataError(CivickitError):
    """A dataset is missing, stale beyond use, or corrupt."""


class NetworkError(CivickitError):
    """A remote service could not be reached or answered with an error."""


class OfflineError(UsageError):
    """Network use was needed while ``--offline`` (``CIVICKIT_OFFLINE=1``) forbids it."""
