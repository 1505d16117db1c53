"""Use case: a page of the caller's tenant's webhooks (owners and admins; one read-only
transaction)."""

from __future__ import annotations

from application.shared.permissions import require_admin
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from domain.shared.unit_of_work import UnitOfWork
from domain.webhooks.ports import WebhookRepository
from domain.webhooks.webhook import Webhook


class ListWebhooks:
    def __init__(self, uow: UnitOfWork, webhooks: WebhookRepository) -> None:
        self._uow = uow
        self._webhooks = webhooks

    async def __call__(self, actor: Actor, page: PageRequest) -> Page[Webhook]:
        require_admin(actor, "see webhooks")
        async with self._uow:
            return await self._webhooks.list(page)
