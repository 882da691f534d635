"""The batch's worker processes (PDF rendering): started on first use, stopped at once on Ctrl-C.

Workers ignore SIGINT: Ctrl-C in a terminal goes to the whole process group, and the parent
alone decides what happens (it terminates them), so no worker prints a ``KeyboardInterrupt``
traceback and one press is enough.
"""

from __future__ import annotations

import signal
from concurrent.futures import Executor, ProcessPoolExecutor


class WorkerPool:
    """A process pool of ``workers`` processes (spawned: the parent runs lookup threads, and
    forking a threaded process is unsafe)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    @property
    def started(self) -> bool:
        """True once a worker process was asked for."""
        return self._executor is not None

    @property
    def executor(self) -> Executor:
        """The pool, started now if it was not yet."""
        if self._executor is None:
            import multiprocessing

            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=ignore_interrupts,
            )
        return self._executor

    def close(self) -> None:
        """Wait for the submitted work, then stop the workers."""
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None

    def terminate(self) -> None:
        """Drop the queued work and stop the workers now, mid-page (after Ctrl-C or an error)."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=1)


def ignore_interrupts() -> None:
    """Worker initializer: SIGINT is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def warm_up() -> None:
    """Import WeasyPrint in a worker process ahead of its first PDF."""
    import importlib.util

    if importlib.util.find_spec("weasyprint") is not None:
        import weasyprint  # noqa: F401
