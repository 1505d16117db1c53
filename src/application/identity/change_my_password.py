"""Use case: a user changes their own password, proving the current one.

Steps:
1. Transaction 1, read-only: the caller's user.
2. With no transaction open (hashing never holds a database connection): verify the
   current password first (a wrong one is a 400 naming ``current_password``), only then
   judge the new one's strength and hash it.
3. Transaction 2: store the new hash only if the stored one is still the one verified
   (compare-and-set; a change or reset meanwhile is a 409), bumping the user's version
   (its ``updated_at`` changes, so its ETag does too), and end every other session of
   the user; the caller's own session goes on.
"""

from __future__ import annotations

from dataclasses import dataclass

from application.identity.policy import IdentityPolicy
from domain.identity.errors import UserNotFound
from domain.identity.password_policy import check_password
from domain.identity.ports import PasswordHasher, SessionRepository, UserRepository
from domain.identity.principal import Principal
from domain.identity.user import User
from domain.shared.errors import Conflict, FieldError, Unprocessable
from domain.shared.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class PasswordChange:
    current_password: str
    new_password: str


class ChangeMyPassword:
    def __init__(
        self,
        uow: UnitOfWork,
        users: UserRepository,
        hasher: PasswordHasher,
        sessions: SessionRepository,
        policy: IdentityPolicy,
    ) -> None:
        self._uow = uow
        self._users = users
        self._hasher = hasher
        self._sessions = sessions
        self._policy = policy

    async def __call__(self, principal: Principal, change: PasswordChange) -> int:
        """How many other sessions were ended."""
        user = await self._me(principal)
        if not await self._hasher.verify(user.password_hash, change.current_password):
            raise Unprocessable(
                "The current password is incorrect.",
                (FieldError("current_password", "is incorrect"),),
            )
        check_password(change.new_password, user.email, min_score=self._policy.password_min_score)
        new_hash = await self._hasher.hash(change.new_password)
        async with self._uow as uow:
            if not await self._users.replace_password(user.id, user.password_hash, new_hash):
                raise Conflict("The password was changed meanwhile; try again.")
            ended = await self._sessions.revoke_all(user.id, keep=principal.session_id)
            await uow.commit()
        return ended

    async def _me(self, principal: Principal) -> User:
        async with self._uow:
            user = await self._users.get(principal.user_id)
        if user is None:
            raise UserNotFound()
        return user
