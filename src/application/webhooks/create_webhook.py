"""Use case: owners and admins add a webhook; its secret is generated and returned once.
The URL is checked (resolved, public addresses only) before the one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from application.shared.permissions import require_admin
from application.webhooks.rules import WebhookRules
from domain.shared.actor import Actor
from domain.shared.unit_of_work import UnitOfWork
from domain.webhooks.ports import UrlGuard, WebhookRepository
from domain.webhooks.webhook import Webhook


@dataclass(frozen=True, slots=True)
class WebhookDraft:
    url: str
    event_types: list[str]
    active: bool = True


class CreateWebhook:
    def __init__(
        self, uow: UnitOfWork, webhooks: WebhookRepository, guard: UrlGuard, rules: WebhookRules
    ) -> None:
        self._uow = uow
        self._webhooks = webhooks
        self._guard = guard
        self._rules = rules

    async def __call__(self, actor: Actor, draft: WebhookDraft) -> Webhook:
        require_admin(actor, "manage webhooks")
        event_types = self._rules.check_event_types(draft.event_types)
        webhook = Webhook.create(actor.tenant_id, draft.url, event_types, draft.active)
        await self._guard.check(webhook.url)
        async with self._uow:
            await self._webhooks.add(webhook)
            await self._uow.commit()
        return webhook
