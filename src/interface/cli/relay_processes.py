"""The relay workers ``tenantry serve`` starts beside the API (``RELAY_WORKERS``, default
1), so one command shows the whole flow. They share the API's database and stop with it:
SIGTERM, then a bounded wait (a terminal's Ctrl-C reaches them directly as well); and if
``serve`` is killed outright, the kernel sends them SIGTERM (``PR_SET_PDEATHSIG``)."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from infrastructure.settings import Settings

STOP_TIMEOUT_SECONDS = 20
_PR_SET_PDEATHSIG = 1


@contextmanager
def relay_workers(settings: Settings) -> Iterator[list[subprocess.Popen[bytes]]]:
    env = {**os.environ, "DATABASE_URL": str(settings.database_url)}
    if settings.jwt_secret is not None:  # the development secret too: a DATABASE_URL needs one
        env["JWT_SECRET"] = settings.jwt_secret
    env.pop("DATABASE_OWNER_URL", None)  # the API has migrated; workers need no owner
    command = [sys.executable, "-m", "interface.cli.main", "worker"]
    workers = [
        subprocess.Popen(command, env=env, preexec_fn=_stop_with_parent)
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


def _stop_with_parent() -> None:
    """In the child, before it runs: ask Linux for a SIGTERM when ``serve`` dies, even by
    SIGKILL, so no worker outlives it (elsewhere this does nothing)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
