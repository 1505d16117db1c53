"""Use case: the caller's active sessions (one read-only transaction)."""

from __future__ import annotations

from domain.identity.ports import SessionRepository
from domain.identity.principal import Principal
from domain.identity.session import UserSession
from domain.shared.unit_of_work import UnitOfWork


class ListMySessions:
    def __init__(self, uow: UnitOfWork, sessions: SessionRepository) -> None:
        self._uow = uow
        self._sessions = sessions

    async def __call__(self, principal: Principal) -> list[UserSession]:
        async with self._uow:
            return await self._sessions.list_active(principal.user_id)
