"""Ports of tenant webhooks: where they are kept, the delivery log, the network."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from domain.shared.pagination import Page, PageRequest
from domain.webhooks.webhook import Webhook


class WebhookRepository(Protocol):
    """Webhooks of the open transaction's tenant."""

    async def add(self, webhook: Webhook) -> None: ...

    async def get(self, webhook_id: UUID) -> Webhook | None: ...

    async def list(self, page: PageRequest) -> Page[Webhook]: ...

    async def subscribed_to(self, event_type: str) -> Sequence[Webhook]:
        """Active webhooks whose ``event_types`` include ``event_type``."""
        ...

    async def save(self, webhook: Webhook) -> None:
        """Write the webhook's state (and report it to the unit of work)."""
        ...

    async def delete(self, webhook_id: UUID) -> bool: ...


@dataclass(frozen=True, slots=True)
class DeliveryAttempt:
    """One attempt to deliver one event to one webhook: the delivery log's line."""

    id: UUID
    webhook_id: UUID
    event_id: UUID
    event_type: str
    attempt: int
    status_code: int | None
    duration_ms: int
    error: str | None
    created_at: datetime


class WebhookDeliveryLog(Protocol):
    async def add(self, tenant_id: UUID, attempt: DeliveryAttempt) -> None: ...

    async def list(self, webhook_id: UUID, page: PageRequest) -> Page[DeliveryAttempt]:
        """Newest first."""
        ...


class UrlGuard(Protocol):
    async def check(self, url: str) -> None:
        """Raise ``UnsafeWebhookUrl`` unless every address ``url``'s host resolves to is a
        public one."""
        ...


@dataclass(frozen=True, slots=True)
class TransportResult:
    status_code: int
    duration_ms: int


class WebhookTransport(Protocol):
    async def post(self, url: str, headers: Mapping[str, str], body: bytes) -> TransportResult:
        """POST without following redirects; raise ``WebhookDeliveryFailed`` when no
        answer came (timeout, refused connection)."""
        ...
