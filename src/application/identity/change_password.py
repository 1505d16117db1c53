"""Operator use case (CLI): reset a user's password. Transaction: one, in the slug's tenant;
it also ends every session of the user, so whoever held the old password is out. The user's
version goes up (its ETag changes); a change racing the reset makes it a conflict."""

from __future__ import annotations

from application.identity.policy import IdentityPolicy
from application.identity.tenant_lookup import tenant_by_slug
from domain.identity.password_policy import check_password
from domain.identity.ports import (
    PasswordHasher,
    SessionRepository,
    TenantCatalog,
    UserRepository,
)
from domain.shared.email import normalize_email
from domain.shared.errors import Conflict, NotFound
from domain.shared.unit_of_work import UnitOfWork


class ChangePassword:
    def __init__(
        self,
        uow: UnitOfWork,
        users: UserRepository,
        catalog: TenantCatalog,
        hasher: PasswordHasher,
        sessions: SessionRepository,
        policy: IdentityPolicy,
    ) -> None:
        self._uow = uow
        self._users = users
        self._sessions = sessions
        self._catalog = catalog
        self._hasher = hasher
        self._policy = policy

    async def __call__(self, tenant_slug: str, email: str, password: str) -> None:
        email = normalize_email(email)
        check_password(password, email, min_score=self._policy.password_min_score)
        tenant_id = (await tenant_by_slug(self._catalog, tenant_slug)).id
        password_hash = await self._hasher.hash(password)
        async with self._uow.for_tenant(tenant_id) as uow:
            user = await self._users.get_by_email(email)
            if user is None:
                raise NotFound(f"No user {email} in tenant {tenant_slug!r}.")
            user.with_password(password_hash)
            if not await self._users.save(user, user.version - 1):
                raise Conflict(f"{email} was changed meanwhile; try again.")
            await self._sessions.revoke_all(user.id)
            await uow.commit()
