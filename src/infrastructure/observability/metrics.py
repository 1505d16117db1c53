"""Prometheus metrics recorded by the adapters (one set per process, in the default
registry; ``/metrics`` exposes them with the HTTP ones)."""

from __future__ import annotations

from collections.abc import Iterable

from prometheus_client import Counter

from domain.shared.events import DomainEvent

EVENTS_COMMITTED = Counter(
    "tenantry_events_committed",
    "Domain events committed, by type: orders by outcome (order.paid, order.payment_failed, "
    "order.cancelled, ...), payment outcomes, users created.",
    ["event_type"],
)


def count_committed(events: Iterable[DomainEvent]) -> None:
    for event in events:
        EVENTS_COMMITTED.labels(event.event_type).inc()
