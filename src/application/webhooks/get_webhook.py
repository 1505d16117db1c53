"""Use case: one of the caller's tenant's webhooks, without its secret (owners and
admins; one read-only transaction)."""

from __future__ import annotations

from uuid import UUID

from application.shared.permissions import require_admin
from domain.shared.actor import Actor
from domain.shared.unit_of_work import UnitOfWork
from domain.webhooks.errors import WebhookNotFound
from domain.webhooks.ports import WebhookRepository
from domain.webhooks.webhook import Webhook


class GetWebhook:
    def __init__(self, uow: UnitOfWork, webhooks: WebhookRepository) -> None:
        self._uow = uow
        self._webhooks = webhooks

    async def __call__(self, actor: Actor, webhook_id: UUID) -> Webhook:
        require_admin(actor, "see webhooks")
        async with self._uow:
            webhook = await self._webhooks.get(webhook_id)
        if webhook is None:
            raise WebhookNotFound()
        return webhook
