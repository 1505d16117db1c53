"""uvicorn's supervisor of several API workers, with what ``serve`` needs of it.

- Workers start with SIGINT and SIGHUP ignored: a terminal's Ctrl-C (or its closing)
  reaches the whole process group, and a worker still importing the app would die of it
  with a traceback, and be restarted. A worker takes SIGINT again once it serves; the
  supervisor keeps a SIGINT that comes meanwhile pending (blocked, not lost), and on it, as
  on SIGTERM and SIGHUP, stops the workers with SIGTERM (each drains its requests).
- A worker that failed to start is remembered: ``serve`` then exits with an error.
- The metrics of a worker that died or was retired are forgotten (prometheus-client's
  multiprocess files of a dead process would otherwise count for ever).
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess

from infrastructure.observability.metrics import forget_process

_logger = logging.getLogger("uvicorn.error")


@contextmanager
def _children_ignore_interrupts() -> Iterator[None]:
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGHUP})
    handlers = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGHUP)}
    try:
        yield  # the workers started meanwhile inherit the ignored signals
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGHUP})


class Supervisor(Multiprocess):
    @property
    def a_worker_failed_to_start(self) -> bool:
        return any(process.exitcode == STARTUP_FAILURE for process in self.processes)

    def init_processes(self) -> None:
        with _children_ignore_interrupts():
            super().init_processes()

    def keep_subprocess_alive(self) -> None:
        with self._replacing():
            super().keep_subprocess_alive()

    def restart_all(self) -> None:
        with self._replacing():
            super().restart_all()

    def handle_ttin(self) -> None:
        with self._replacing():
            super().handle_ttin()

    def handle_ttou(self) -> None:
        with self._replacing():
            super().handle_ttou()

    def handle_hup(self) -> None:
        _logger.info("Received SIGHUP, stopping.")  # the terminal has gone: stop, as SIGTERM
        self.should_exit.set()

    @contextmanager
    def _replacing(self) -> Iterator[None]:
        before = {process.pid for process in self.processes}
        with _children_ignore_interrupts():
            yield
        for pid in before - {process.pid for process in self.processes}:
            if pid is not None:
                forget_process(pid)
