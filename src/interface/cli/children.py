"""What the processes ``serve`` starts share: the environment that hands them the settings
``serve`` has checked, and a tie to ``serve``'s life (no child outlives it, even if it is
killed outright)."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from infrastructure.observability.metrics import (
    MULTIPROCESS_DIR,
    multiprocess_directory,
    remove_stale_directories,
)
from infrastructure.settings import Settings

_PR_SET_PDEATHSIG = 1


def child_environment(settings: Settings) -> dict[str, str]:
    """This environment with the database ``serve`` uses (the embedded one's address too)
    and its signing secret (the development one too: every process signs with the same
    keys); without the owner's URL: ``serve`` has migrated, the children need no owner."""
    env = {**os.environ, "DATABASE_URL": str(settings.database_url)}
    if settings.jwt_secret is not None:
        env["JWT_SECRET"] = settings.jwt_secret
    env.pop("DATABASE_OWNER_URL", None)
    return env


def stop_with_parent() -> None:
    """In a child: ask Linux for a SIGTERM when the parent dies, even by SIGKILL (elsewhere
    this does nothing). If the parent is already gone, stop now."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:
        os.kill(os.getpid(), signal.SIGTERM)


def ignore_interrupts() -> None:
    """In a child before it runs: a terminal's Ctrl-C (or its closing, SIGHUP) reaches the
    whole process group, but the child stops when ``serve`` tells it to (SIGTERM), not
    half-way through its imports with a traceback. The child's own handlers replace this
    once it runs."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


@contextmanager
def http_worker_environment(settings: Settings) -> Iterator[None]:
    """With several API workers: this process's environment becomes theirs for the block
    (they are started from it), with a fresh directory for their metrics."""
    remove_stale_directories()
    if settings.server.workers == 1:
        yield
        return
    saved = dict(os.environ)
    with multiprocess_directory() as metrics:
        theirs = {**child_environment(settings), MULTIPROCESS_DIR: metrics}
        os.environ.clear()
        os.environ.update(theirs)
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)
