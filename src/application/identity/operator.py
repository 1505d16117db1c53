"""Operator services behind the CLI (no principal: the operator holds the owner role)."""

from __future__ import annotations

from uuid import UUID

from application.identity.user_accounts import NewUser, UserAccounts
from domain.identity.password_policy import check_password
from domain.identity.ports import PasswordHasher, TenantDirectory
from domain.identity.user import User
from domain.shared.email import normalize_email
from domain.shared.errors import Conflict, NotFound
from domain.shared.unit_of_work import UnitOfWorkFactory


async def tenant_by_slug(directory: TenantDirectory, slug: str) -> UUID:
    """The active tenant's id, or ``NotFound`` naming the slug (operators may see it)."""
    tenant_id = await directory.resolve_slug(slug.strip().lower())
    if tenant_id is None:
        raise NotFound(f"No active tenant has the slug {slug!r}.")
    return tenant_id


class AddUserToTenant:
    """Transaction: one, scoped to the tenant resolved from the slug."""

    def __init__(
        self, uows: UnitOfWorkFactory, directory: TenantDirectory, accounts: UserAccounts
    ) -> None:
        self._uows = uows
        self._directory = directory
        self._accounts = accounts

    async def __call__(self, tenant_slug: str, new: NewUser) -> User:
        tenant_id = await tenant_by_slug(self._directory, tenant_slug)
        user = await self._accounts.build(tenant_id, new)
        try:
            async with self._uows.for_tenant(tenant_id) as uow:
                await uow.users.add(user)
                await uow.commit()
        except Conflict as error:
            raise Conflict(f"{user.email} already exists in {tenant_slug!r}.") from error
        return user


class ChangePassword:
    """Sets a user's password (the CLI's "rotate password"); one transaction."""

    def __init__(
        self, uows: UnitOfWorkFactory, directory: TenantDirectory, hasher: PasswordHasher
    ) -> None:
        self._uows = uows
        self._directory = directory
        self._hasher = hasher

    async def __call__(self, tenant_slug: str, email: str, password: str) -> None:
        email = normalize_email(email)
        check_password(password, email)
        tenant_id = await tenant_by_slug(self._directory, tenant_slug)
        password_hash = await self._hasher.hash(password)
        async with self._uows.for_tenant(tenant_id) as uow:
            user = await uow.users.get_by_email(email)
            if user is None:
                raise NotFound(f"No user {email} in tenant {tenant_slug!r}.")
            user.with_password(password_hash)
            await uow.users.save(user)
            await uow.commit()
