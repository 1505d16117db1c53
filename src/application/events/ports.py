"""Ports of the outbox relay: the stored events, their claims, and the processed keys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol
from uuid import UUID

from application.events.handlers import Delivery
from domain.shared.events import DomainEvent
from domain.shared.pagination import Page, PageRequest


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the outbox keeps it. ``event`` is ``None`` when the stored type or
    version is unknown to this build; ``problem`` then says why."""

    id: UUID
    tenant_id: UUID
    event_type: str
    occurred_at: datetime
    attempts: int
    """Attempts made before this claim."""
    payload: Mapping[str, Any]
    """The event as JSON, as stored (what webhooks carry)."""
    event: DomainEvent | None
    problem: str = ""


class ClaimedBatch(Protocol):
    """Due events of one tenant, locked for this worker until the claim ends. Events not
    settled by then stay due (a crash or a release leaves them to the next claim)."""

    events: Sequence[StoredEvent]

    async def done(self, event_id: UUID) -> None:
        """Settled: written with the claim's end (one statement for the batch)."""
        ...

    async def retry(self, event_id: UUID, error: str, delay: timedelta) -> None: ...

    async def dead(self, event_id: UUID, error: str) -> None: ...

    def release(self) -> None:
        """Leave the unsettled rest for the next claim (shutdown)."""
        ...


@dataclass(frozen=True, slots=True)
class DueWork:
    """What is due now, and when the next scheduled retry falls due (read together)."""

    tenants: Sequence[UUID]
    """Tenants with due events, the longest-waiting first."""
    next_retry: datetime | None
    """``None``: no retry is scheduled."""


class OutboxClaims(Protocol):
    async def due(self, limit: int) -> DueWork:
        """Up to ``limit`` tenants with due events, and the next scheduled retry."""
        ...

    def claim(self, tenant_id: UUID, limit: int) -> AbstractAsyncContextManager[ClaimedBatch]:
        """Lock up to ``limit`` due events of ``tenant_id`` (``FOR UPDATE SKIP LOCKED``)."""
        ...


class EventDeliverer(Protocol):
    async def deliver(self, delivery: Delivery, final: bool) -> Sequence[str]:
        """Run the event's handlers (each once); the failures, empty when all succeeded."""
        ...


class ProcessedEvents(Protocol):
    async def first_time(self, handler_key: str, event_id: UUID) -> bool:
        """Record in the open transaction that ``handler_key`` processed ``event_id``;
        ``False`` if it already had (the handler is skipped)."""
        ...


@dataclass(frozen=True, slots=True)
class DeadLetter:
    id: UUID
    event_type: str
    occurred_at: datetime
    attempts: int
    last_error: str
    failed_at: datetime


class DeadLetters(Protocol):
    """Dead-lettered events of the open transaction's tenant, newest failure first."""

    async def list(self, page: PageRequest) -> Page[DeadLetter]: ...

    async def retry(self, event_id: UUID) -> bool:
        """Make a dead event due again with fresh attempts; ``False`` if there is none."""
        ...
