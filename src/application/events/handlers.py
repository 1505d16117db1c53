"""Event handlers and the registry each context fills with its subscriptions.

A handler subscribes to event *types* (``subscriptions.on(OrderPaid, NotifyCustomer)``);
the relay looks the handlers of each delivered event up here, never in an if-chain. Each
context declares its subscriptions in ``application/<context>/subscriptions.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable
from uuid import UUID

from domain.shared.events import DomainEvent


@dataclass(frozen=True, slots=True)
class Delivery:
    """One attempt at delivering one stored event."""

    event_id: UUID
    occurred_at: datetime
    attempt: int
    """1 for the first attempt."""
    event: DomainEvent


class EventHandler(Protocol):
    key: str
    """Stable name of the handler: the processed-events key (never the class name)."""

    async def handle(self, delivery: Delivery) -> None:
        """Apply the effect. Runs inside a transaction that the relay opened for the
        event's tenant and commits together with the processed-events key; do not commit."""
        ...


@runtime_checkable
class RecordsFailures(Protocol):
    """A handler that keeps its own record of failed attempts (a notification's status)."""

    async def failed(self, delivery: Delivery, error: str, final: bool) -> None:
        """Runs in a fresh transaction after ``handle`` raised; ``final`` when no attempt
        follows (the event is dead-lettered)."""
        ...


class EventSubscriptions:
    """Which handler types receive each event type, in subscription order."""

    def __init__(self) -> None:
        self._handlers: dict[type[DomainEvent], list[type[EventHandler]]] = {}

    def on(self, event_type: type[DomainEvent], *handlers: type[EventHandler]) -> None:
        subscribed = self._handlers.setdefault(event_type, [])
        subscribed.extend(h for h in handlers if h not in subscribed)

    def handlers_for(self, event: DomainEvent) -> Sequence[type[EventHandler]]:
        return self._handlers.get(type(event), ())

    def __iter__(self) -> Iterator[type[EventHandler]]:
        """Every subscribed handler type once (for the startup wiring check)."""
        return iter(dict.fromkeys(h for hs in self._handlers.values() for h in hs))
