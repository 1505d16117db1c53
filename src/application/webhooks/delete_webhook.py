"""Use case: owners and admins delete a webhook and its delivery log (one transaction);
deliveries still queued for it are skipped."""

from __future__ import annotations

from uuid import UUID

from application.shared.permissions import require_admin
from domain.shared.actor import Actor
from domain.shared.unit_of_work import UnitOfWork
from domain.webhooks.errors import WebhookNotFound
from domain.webhooks.ports import WebhookRepository


class DeleteWebhook:
    def __init__(self, uow: UnitOfWork, webhooks: WebhookRepository) -> None:
        self._uow = uow
        self._webhooks = webhooks

    async def __call__(self, actor: Actor, webhook_id: UUID) -> None:
        require_admin(actor, "manage webhooks")
        async with self._uow:
            if not await self._webhooks.delete(webhook_id):
                raise WebhookNotFound()
            await self._uow.commit()
