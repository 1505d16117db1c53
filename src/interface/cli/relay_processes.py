"""The relay workers ``tenantry serve`` starts beside the API (``RELAY_WORKERS``, default
1), so one command shows the whole flow. They share the API's database and stop with it:
SIGTERM, then a bounded wait; and if ``serve`` is killed outright, the kernel sends them
SIGTERM (``PR_SET_PDEATHSIG``)."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from infrastructure.settings import Settings
from interface.cli.children import child_environment, ignore_interrupts, stop_with_parent

STOP_TIMEOUT_SECONDS = 20


@contextmanager
def relay_workers(settings: Settings) -> Iterator[list[subprocess.Popen[bytes]]]:
    env = child_environment(settings)
    command = [sys.executable, "-m", "interface.cli.main", "worker"]
    workers = [
        subprocess.Popen(command, env=env, preexec_fn=_prepare_child)
        for _ in range(settings.events.relay_workers)
    ]
    try:
        yield workers
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()


def _prepare_child() -> None:
    stop_with_parent()
    ignore_interrupts()
