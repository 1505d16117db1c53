"""Operator services behind the CLI (no principal: the operator holds the owner role)."""

from __future__ import annotations

from application.identity.user_accounts import NewUser, UserAccounts
from domain.identity.ports import TenantDirectory
from domain.identity.user import User
from domain.shared.errors import Conflict, NotFound
from domain.shared.unit_of_work import UnitOfWorkFactory


class AddUserToTenant:
    """Transaction: one, scoped to the tenant resolved from the slug."""

    def __init__(
        self, uows: UnitOfWorkFactory, directory: TenantDirectory, accounts: UserAccounts
    ) -> None:
        self._uows = uows
        self._directory = directory
        self._accounts = accounts

    async def __call__(self, tenant_slug: str, new: NewUser) -> User:
        tenant_id = await self._directory.resolve_slug(tenant_slug.strip().lower())
        if tenant_id is None:
            raise NotFound(f"No active tenant has the slug {tenant_slug!r}.")
        user = await self._accounts.build(tenant_id, new)
        try:
            async with self._uows.for_tenant(tenant_id) as uow:
                await uow.users.add(user)
                await uow.commit()
        except Conflict as error:
            raise Conflict(f"{user.email} already exists in {tenant_slug!r}.") from error
        return user
