"""Use case: deliver a dead-lettered event again, with fresh attempts (owners and admins
for their own tenant; operators for any). One transaction; the relay is woken by it."""

from __future__ import annotations

from uuid import UUID

from application.events.errors import DeadLetterNotFound
from application.events.ports import DeadLetters
from application.shared.permissions import require_admin
from domain.shared.actor import Actor
from domain.shared.unit_of_work import UnitOfWork


class RetryDeadLetter:
    def __init__(self, uow: UnitOfWork, dead_letters: DeadLetters) -> None:
        self._uow = uow
        self._dead_letters = dead_letters

    async def __call__(self, actor: Actor, event_id: UUID) -> None:
        require_admin(actor, "retry dead-lettered events")
        await self.for_tenant(None, event_id)

    async def for_tenant(self, tenant_id: UUID | None, event_id: UUID) -> None:
        """Retry in ``tenant_id`` (``None``: the caller's own tenant)."""
        uow = self._uow if tenant_id is None else self._uow.for_tenant(tenant_id)
        async with uow:
            if not await self._dead_letters.retry(event_id):
                raise DeadLetterNotFound()
            await uow.commit()
