"""Use case: change a user's role or e-mail.

Transaction: one; the tenant's owners are locked first, so two demotions cannot race past
the last-owner rule. A compare-and-set on the version the client read (its ETag): missing
is a 428, stale a 412. A changed role or e-mail ends every session of the user in the same
transaction: tokens issued for the old identity must not outlive it.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.identity.permissions import ensure_can_manage
from domain.identity.errors import EmailTaken, LastOwnerRequired, UserNotFound
from domain.identity.ports import SessionRepository, UserRepository
from domain.identity.user import User
from domain.shared.actor import Actor, Role
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWork
from domain.shared.versioning import PreconditionFailed, check_version


@dataclass(frozen=True, slots=True)
class UserChanges:
    role: Role | None = None
    email: str | None = None


class UpdateUser:
    def __init__(self, uow: UnitOfWork, users: UserRepository, sessions: SessionRepository) -> None:
        self._uow = uow
        self._users = users
        self._sessions = sessions

    async def __call__(
        self, actor: Actor, user_id: UUID, expected_version: int | None, changes: UserChanges
    ) -> User:
        try:
            async with self._uow as uow:
                owners = await self._users.lock_owners()
                user = await self._users.get(user_id)
                if user is None:
                    raise UserNotFound()
                ensure_can_manage(actor, user.role, *([changes.role] if changes.role else []))
                check_version(expected_version, user.version)
                if changes.role is not None and changes.role is not Role.OWNER:
                    if owners == (user.id,):
                        raise LastOwnerRequired()
                await self._change(user, changes)
                await uow.commit()
        except LastOwnerRequired:
            raise
        except Conflict as error:
            raise EmailTaken() from error
        return user

    async def _change(self, user: User, changes: UserChanges) -> None:
        """Apply and store the changes (412 if the user changed since it was read); end the
        user's sessions when its role or e-mail is now different."""
        before = (user.role, user.email)
        user.update(role=changes.role, email=changes.email)
        if not await self._users.save(user, user.version - 1):
            raise PreconditionFailed()
        if (user.role, user.email) != before:
            await self._sessions.revoke_all(user.id)
