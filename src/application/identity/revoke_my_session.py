"""Use case: the caller ends one of their own sessions (one transaction). Another user's
session, or another tenant's, is a 404 like a missing one."""

from __future__ import annotations

from uuid import UUID

from domain.identity.errors import SessionNotFound
from domain.identity.ports import SessionRepository
from domain.identity.principal import Principal
from domain.shared.unit_of_work import UnitOfWork


class RevokeMySession:
    def __init__(self, uow: UnitOfWork, sessions: SessionRepository) -> None:
        self._uow = uow
        self._sessions = sessions

    async def __call__(self, principal: Principal, session_id: UUID) -> None:
        async with self._uow as uow:
            if not await self._sessions.revoke(session_id, principal.user_id):
                raise SessionNotFound()
            await uow.commit()
