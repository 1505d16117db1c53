"""Event handlers and the registry each context fills with its subscriptions.

A handler subscribes to event *types* (``subscriptions.on(OrderPaid, NotifyCustomer)``);
the relay looks the handlers of each delivered event up here, never in an if-chain. Each
context declares its subscriptions in ``application/<context>/subscriptions.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, runtime_checkable
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
    payload: Mapping[str, Any] = field(default_factory=dict)
    """The event's wire payload (its fields as JSON, without ``tenant_id``)."""


class EventHandler(Protocol):
    key: str
    """Stable name of the handler: the processed-events key (never the class name)."""

    async def handle(self, delivery: Delivery) -> None:
        """Apply the effect. Runs inside a transaction that the relay opened for the
        event's tenant and commits together with the processed-events key; do not commit."""
        ...


@dataclass(frozen=True, slots=True)
class HandlerFailure:
    error: Exception
    description: str
    """What is stored and logged: safe to show (no address, no secret)."""


@runtime_checkable
class RecordsFailures(Protocol):
    """A handler that keeps its own record of failed attempts (a notification's status,
    a webhook's delivery log)."""

    async def failed(self, delivery: Delivery, failure: HandlerFailure, final: bool) -> None:
        """Runs in a fresh transaction after ``handle`` raised; ``final`` when no attempt
        follows (the event is dead-lettered)."""
        ...


class EventSubscriptions:
    """Which handler types receive each event type, in subscription order."""

    def __init__(self) -> None:
        self._handlers: dict[type[DomainEvent], list[type[EventHandler]]] = {}
        self._every: list[type[EventHandler]] = []

    def on(self, event_type: type[DomainEvent], *handlers: type[EventHandler]) -> None:
        subscribed = self._handlers.setdefault(event_type, [])
        subscribed.extend(h for h in handlers if h not in subscribed)

    def on_every_external(self, *handlers: type[EventHandler]) -> None:
        """Handlers of every external event type (tenant webhooks); the system's own
        bookkeeping events (``external = False``) do not reach them."""
        self._every.extend(h for h in handlers if h not in self._every)

    def handlers_for(self, event: DomainEvent) -> Sequence[type[EventHandler]]:
        every = self._every if event.external else []
        return [*self._handlers.get(type(event), ()), *every]

    def __iter__(self) -> Iterator[type[EventHandler]]:
        """Every subscribed handler type once (for the startup wiring check)."""
        every = [h for hs in self._handlers.values() for h in hs] + self._every
        return iter(dict.fromkeys(every))
