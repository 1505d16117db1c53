"""Use case: remove a user. Transaction: one; owners are locked first (last-owner rule),
then a compare-and-set on the version the client read (missing: 428, stale: 412).

The user's sessions are ended before the row goes (their rows then go with it), so every
API process hears of it and refuses the user's access tokens at once."""

from __future__ import annotations

from uuid import UUID

from application.identity.permissions import ensure_can_manage
from domain.identity.errors import LastOwnerRequired, UserNotFound
from domain.identity.ports import SessionRepository, UserRepository
from domain.shared.actor import Actor
from domain.shared.unit_of_work import UnitOfWork
from domain.shared.versioning import PreconditionFailed, check_version


class DeleteUser:
    def __init__(self, uow: UnitOfWork, users: UserRepository, sessions: SessionRepository) -> None:
        self._uow = uow
        self._users = users
        self._sessions = sessions

    async def __call__(self, actor: Actor, user_id: UUID, expected_version: int | None) -> None:
        async with self._uow as uow:
            owners = await self._users.lock_owners()
            user = await self._users.get(user_id)
            if user is None:
                raise UserNotFound()
            ensure_can_manage(actor, user.role)
            check_version(expected_version, user.version)
            if owners == (user.id,):
                raise LastOwnerRequired()
            await self._sessions.revoke_all(user.id)
            if not await self._users.delete(user.id, user.version):
                raise PreconditionFailed()
            await uow.commit()
