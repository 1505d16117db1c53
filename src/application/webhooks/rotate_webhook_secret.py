"""Use case: owners and admins replace a webhook's secret; the new one is returned once and
the previous one keeps signing for the grace period (one transaction)."""

from __future__ import annotations

from uuid import UUID

from application.shared.permissions import require_admin
from application.webhooks.rules import WebhookRules
from domain.shared.actor import Actor
from domain.shared.unit_of_work import UnitOfWork
from domain.webhooks.errors import WebhookNotFound
from domain.webhooks.ports import WebhookRepository
from domain.webhooks.webhook import Webhook


class RotateWebhookSecret:
    def __init__(self, uow: UnitOfWork, webhooks: WebhookRepository, rules: WebhookRules) -> None:
        self._uow = uow
        self._webhooks = webhooks
        self._rules = rules

    async def __call__(self, actor: Actor, webhook_id: UUID) -> Webhook:
        require_admin(actor, "manage webhooks")
        async with self._uow:
            webhook = await self._webhooks.get(webhook_id)
            if webhook is None:
                raise WebhookNotFound()
            webhook.rotate_secret(self._rules.secret_grace)
            await self._webhooks.save(webhook)
            await self._uow.commit()
        return webhook
