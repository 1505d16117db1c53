"""Operator service: set a user's password (the CLI's "rotate password")."""

from __future__ import annotations

from domain.identity.password_policy import check_password
from domain.identity.ports import PasswordHasher, TenantDirectory
from domain.identity.user import normalize_email
from domain.shared.errors import NotFound
from domain.shared.unit_of_work import UnitOfWorkFactory


class ChangePassword:
    def __init__(
        self, uows: UnitOfWorkFactory, directory: TenantDirectory, hasher: PasswordHasher
    ) -> None:
        self._uows = uows
        self._directory = directory
        self._hasher = hasher

    async def __call__(self, tenant_slug: str, email: str, password: str) -> None:
        email = normalize_email(email)
        check_password(password, email)
        tenant_id = await self._directory.resolve_slug(tenant_slug.strip().lower())
        if tenant_id is None:
            raise NotFound(f"No active tenant has the slug {tenant_slug!r}.")
        password_hash = await self._hasher.hash(password)
        async with self._uows.for_tenant(tenant_id) as uow:
            user = await uow.users.get_by_email(email)
            if user is None:
                raise NotFound(f"No user {email} in tenant {tenant_slug!r}.")
            user.with_password(password_hash)
            await uow.users.save(user)
            await uow.commit()
