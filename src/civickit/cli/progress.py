"""The one progress display of the CLI (batch rows and packets, send, data sync).

In a terminal it is click's progress bar on stderr (click is loaded anyway, so the bar costs
civickit no start-up time): ``Letters  [####    ]  120/300  00:00:04  41 rows/s``. Messages
(``output.message``: row problems, warnings, notices) are printed on their own line *above* the
bar, which is then drawn again below them; they are never glued onto it. When stderr is not a
terminal, or ``TERM`` is ``dumb``, there is no bar at all: only the messages, as plain lines.

The library reports progress through callbacks (``done``, ``total``); the commands pass
:meth:`ProgressDisplay.update` (wrapped) as that callback and open the display with ``with``, so
the bar is cleared and the cursor shown again however the command ends (Ctrl-C included).
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import Any

import click

#: Redraws per second at most: a batch makes thousands of rows a second.
REDRAWS_PER_SECOND = 10
CLEAR_LINE = "\r\x1b[K"
SHOW_CURSOR = "\x1b[?25h"

#: The display now drawing a bar, if any; ``output.message`` prints above it.
_active: ProgressDisplay | None = None


def is_terminal() -> bool:
    """True when a bar can be drawn: stderr is a terminal that is not ``TERM=dumb``."""
    if os.environ.get("TERM", "") == "dumb":
        return False
    stream = sys.stderr
    return stream is not None and stream.isatty()


def echo_message(text: str) -> None:
    """Print ``text`` on stderr as its own line, above the bar when one is drawn."""
    if _active is not None:
        _active.note(text)
    else:
        click.echo(text, err=True)


class ProgressDisplay:
    """A progress bar with phases (``update("Letters", 10, 300)``, then ``"Packets"``)."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.live = enabled and is_terminal()
        self._bar: Any = None  # click's ProgressBar of the current phase
        self._label = ""
        self._unit = ""
        self._info = ""
        self._last = 0.0
        self._started = 0.0

    def __enter__(self) -> ProgressDisplay:
        global _active  # noqa: PLW0603 - the one display of this process
        if self.live:
            _active = self
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def update(self, label: str, done: int, total: int | None, unit: str = "") -> None:
        """``done`` of ``total`` (None: unknown) ``unit`` in the phase called ``label``."""
        if not self.live:
            return
        if self._bar is None or label != self._label or total != self._bar.length:
            self._start(label, total, unit)
        now = time.monotonic()
        finished = total is not None and done >= total
        if now - self._last < 1 / REDRAWS_PER_SECOND and not finished:
            return
        self._last = now
        bar = self._bar
        elapsed = now - self._started
        rate = done / elapsed if elapsed > 0 else 0.0
        self._info = f"{rate:.0f} {self._unit}/s" if self._unit and done else ""
        bar.update(done - bar.pos)

    def note(self, text: str) -> None:
        """``text`` on its own line above the bar (a plain line when there is no bar)."""
        if self._bar is None:
            click.echo(text, err=True)
            return
        click.echo(CLEAR_LINE, nl=False, err=True, color=True)
        click.echo(text, err=True)
        self._bar._last_line = None  # the line was cleared: make click draw it again
        self._bar.render_progress()

    def close(self) -> None:
        """Clear the bar and show the cursor again; messages are plain lines from now on."""
        global _active  # noqa: PLW0603 - the one display of this process
        if _active is self:
            _active = None
        if self._bar is not None:
            self._bar = None
            click.echo(CLEAR_LINE + SHOW_CURSOR, nl=False, err=True, color=True)

    def _start(self, label: str, total: int | None, unit: str) -> None:
        import itertools

        if self._bar is not None:
            click.echo(CLEAR_LINE, nl=False, err=True, color=True)
        self._label, self._unit, self._info, self._last = label, unit, "", 0.0
        self._started = time.monotonic()
        self._bar = click.progressbar(
            iterable=None if total is not None else itertools.repeat(None),
            length=total,
            label=label,
            file=sys.stderr,
            show_pos=True,
            show_eta=True,
            item_show_func=lambda _item: self._info or None,
            color=True,
            width=24,
        )
        self._bar.render_progress()
