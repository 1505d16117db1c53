"""Prometheus metrics recorded by the adapters, and their exposition.

One process keeps them in the default registry. With several API workers, ``serve`` sets
``PROMETHEUS_MULTIPROC_DIR`` before they start: each worker then writes its samples to
files there, and a scrape of any worker adds up all of them (prometheus-client's
multiprocess mode); a stopping worker's gauges are forgotten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    generate_latest,
    multiprocess,
)

from domain.shared.events import DomainEvent
from infrastructure.processes import running

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
_DIRECTORY_PREFIX = "tenantry-metrics-"

EVENTS_COMMITTED = Counter(
    "tenantry_events_committed",
    "Domain events committed, by type: orders by outcome (order.paid, order.payment_failed, "
    "order.cancelled, ...), payment outcomes, users created.",
    ["event_type"],
)
DB_CONNECTIONS_IN_USE = Gauge(
    "tenantry_db_connections_in_use",
    "Database connections checked out of the pool, over the API's processes.",
    multiprocess_mode="livesum",
)


def count_committed(events: Iterable[DomainEvent]) -> None:
    for event in events:
        EVENTS_COMMITTED.labels(event.event_type).inc()


def exposition() -> bytes:
    """The text exposition of every metric: this process's, or all workers' together."""
    if MULTIPROCESS_DIR not in os.environ:
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return generate_latest(registry)


def forget_this_process() -> None:
    """A stopping worker: its live gauges no longer count (multiprocess mode only)."""
    forget_process(os.getpid())


def forget_process(pid: int) -> None:
    """A worker that stopped or died: its live gauges no longer count (multiprocess mode
    only; a dead process's files would otherwise count for ever)."""
    if MULTIPROCESS_DIR in os.environ:
        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]


@contextmanager
def multiprocess_directory() -> Iterator[str]:
    """A fresh directory for the workers' samples, named after this process, removed at
    the end of the block."""
    with tempfile.TemporaryDirectory(prefix=f"{_DIRECTORY_PREFIX}{os.getpid()}-") as path:
        yield path


def remove_stale_directories() -> None:
    """The directories of processes that died without removing theirs (killed outright)."""
    for stale in Path(tempfile.gettempdir()).glob(f"{_DIRECTORY_PREFIX}*"):
        owner = stale.name[len(_DIRECTORY_PREFIX) :].split("-")[0]
        if owner.isdigit() and not running(int(owner)):
            shutil.rmtree(stale, ignore_errors=True)
