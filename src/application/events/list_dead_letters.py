"""Use case: a page of one tenant's dead-lettered events (owners and admins see their own
tenant's; operators any tenant's). One read-only transaction."""

from __future__ import annotations

from uuid import UUID

from application.events.ports import DeadLetter, DeadLetters
from application.shared.permissions import require_admin
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from domain.shared.unit_of_work import UnitOfWork


class ListDeadLetters:
    def __init__(self, uow: UnitOfWork, dead_letters: DeadLetters) -> None:
        self._uow = uow
        self._dead_letters = dead_letters

    async def __call__(self, actor: Actor, page: PageRequest) -> Page[DeadLetter]:
        require_admin(actor, "see dead-lettered events")
        return await self.for_tenant(None, page)

    async def for_tenant(self, tenant_id: UUID | None, page: PageRequest) -> Page[DeadLetter]:
        """List in ``tenant_id`` (``None``: the caller's own tenant)."""
        uow = self._uow if tenant_id is None else self._uow.for_tenant(tenant_id)
        async with uow:
            return await self._dead_letters.list(page)
