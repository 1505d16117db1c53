"""Use case: end every session of a user: the caller's own ("sign out everywhere"), or,
for owners and admins, another user's of their tenant (one transaction)."""

from __future__ import annotations

from uuid import UUID

from application.identity.permissions import ensure_can_manage
from domain.identity.errors import UserNotFound
from domain.identity.ports import SessionRepository, UserRepository
from domain.shared.actor import Actor
from domain.shared.unit_of_work import UnitOfWork


class RevokeUserSessions:
    def __init__(self, uow: UnitOfWork, users: UserRepository, sessions: SessionRepository) -> None:
        self._uow = uow
        self._users = users
        self._sessions = sessions

    async def __call__(self, actor: Actor, user_id: UUID) -> int:
        """How many sessions were ended."""
        async with self._uow as uow:
            if user_id != actor.user_id:
                user = await self._users.get(user_id)
                if user is None:
                    raise UserNotFound()
                ensure_can_manage(actor, user.role)
            revoked = await self._sessions.revoke_all(user_id)
            await uow.commit()
        return revoked
