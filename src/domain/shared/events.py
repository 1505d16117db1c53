"""Domain events: facts an aggregate records when it changes, published with the change.

An aggregate keeps the events of its changes until the unit of work that saved it takes
them (``take_events``) and appends them to the ``EventOutbox`` in the same transaction as
the change: no change without its event, no event without its change. A relay delivers
them to their handlers afterwards, at least once. No use case publishes events itself.

Each event type has a stable wire name (``order.paid``) and version: the outbox stores
them, webhooks carry them, and renaming a class never changes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol
from uuid import UUID


@dataclass(frozen=True, slots=True)
class DomainEvent:
    """Something that happened in one tenant. Subclasses set ``event_type``."""

    event_type: ClassVar[str] = ""
    event_version: ClassVar[int] = 1
    external: ClassVar[bool] = True
    """Tenants may subscribe webhooks to it (``False``: the system's own bookkeeping)."""

    tenant_id: UUID


class EventSource(Protocol):
    """An aggregate that records events."""

    def take_events(self) -> list[DomainEvent]:
        """The events recorded since the last call, oldest first; the list is emptied."""
        ...


class EventOutbox(Protocol):
    async def append(self, events: Sequence[DomainEvent]) -> None:
        """Write ``events`` in the open transaction; they are delivered once it commits."""
        ...
