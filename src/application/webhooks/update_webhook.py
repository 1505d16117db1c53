"""Use case: owners and admins change a webhook's URL, events or state (switching it on
again clears its failures). A new URL is checked first; then one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.shared.permissions import require_admin
from application.webhooks.rules import WebhookRules
from domain.shared.actor import Actor
from domain.shared.unit_of_work import UnitOfWork
from domain.webhooks.errors import WebhookNotFound
from domain.webhooks.ports import UrlGuard, WebhookRepository
from domain.webhooks.webhook import Webhook, check_url


@dataclass(frozen=True, slots=True)
class WebhookChanges:
    url: str | None = None
    event_types: list[str] | None = None
    active: bool | None = None


class UpdateWebhook:
    def __init__(
        self, uow: UnitOfWork, webhooks: WebhookRepository, guard: UrlGuard, rules: WebhookRules
    ) -> None:
        self._uow = uow
        self._webhooks = webhooks
        self._guard = guard
        self._rules = rules

    async def __call__(self, actor: Actor, webhook_id: UUID, changes: WebhookChanges) -> Webhook:
        require_admin(actor, "manage webhooks")
        if changes.event_types is not None:
            self._rules.check_event_types(changes.event_types)
        if changes.url is not None:
            await self._guard.check(check_url(changes.url))
        async with self._uow:
            webhook = await self._webhooks.get(webhook_id)
            if webhook is None:
                raise WebhookNotFound()
            webhook.update(changes.url, changes.event_types, changes.active)
            await self._webhooks.save(webhook)
            await self._uow.commit()
        return webhook
