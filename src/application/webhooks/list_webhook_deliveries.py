"""Use case: a webhook's delivery log, newest attempt first (owners and admins; one
read-only transaction)."""

from __future__ import annotations

from uuid import UUID

from application.shared.permissions import require_admin
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from domain.shared.unit_of_work import UnitOfWork
from domain.webhooks.errors import WebhookNotFound
from domain.webhooks.ports import DeliveryAttempt, WebhookDeliveryLog, WebhookRepository


class ListWebhookDeliveries:
    def __init__(
        self, uow: UnitOfWork, webhooks: WebhookRepository, log: WebhookDeliveryLog
    ) -> None:
        self._uow = uow
        self._webhooks = webhooks
        self._log = log

    async def __call__(
        self, actor: Actor, webhook_id: UUID, page: PageRequest
    ) -> Page[DeliveryAttempt]:
        require_admin(actor, "see webhooks")
        async with self._uow:
            if await self._webhooks.get(webhook_id) is None:
                raise WebhookNotFound()
            return await self._log.list(webhook_id, page)
