"""Prometheus metrics recorded by the adapters, and their exposition.

One process keeps them in the default registry. With several API workers, ``serve`` sets
``PROMETHEUS_MULTIPROC_DIR`` before they start: each worker then writes its samples to
files there, and a scrape of any worker adds up all of them (prometheus-client's
multiprocess mode); a stopping worker's gauges are forgotten.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    generate_latest,
    multiprocess,
)

from domain.shared.events import DomainEvent

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"

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
    if MULTIPROCESS_DIR in os.environ:
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]
