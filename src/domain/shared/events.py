"""Domain events: facts an aggregate records when it changes, delivered after the commit.

An aggregate keeps the events of its changes until the unit of work that saved it takes
them (``take_events``) and, once the transaction has committed, hands them to the
``EventDispatcher``. No use case dispatches events itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True, slots=True)
class DomainEvent:
    """Something that happened in one tenant."""

    tenant_id: UUID


class EventSource(Protocol):
    """An aggregate that records events."""

    def take_events(self) -> list[DomainEvent]:
        """The events recorded since the last call, oldest first; the list is emptied."""
        ...


class EventDispatcher(Protocol):
    async def dispatch(self, events: Sequence[DomainEvent]) -> None:
        """Deliver committed events to their handlers (a handler's failure is logged)."""
        ...


class EventHandler(Protocol):
    async def __call__(self, event: DomainEvent) -> None: ...
