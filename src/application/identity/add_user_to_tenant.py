"""Operator use case (CLI): add a user to a tenant named by its slug.

Transaction: one, scoped to the tenant resolved from the slug.
"""

from __future__ import annotations

from application.identity.tenant_lookup import tenant_by_slug
from application.identity.user_accounts import NewUser, UserAccounts
from domain.identity.ports import TenantCatalog, UserRepository
from domain.identity.user import User
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWork


class AddUserToTenant:
    def __init__(
        self,
        uow: UnitOfWork,
        users: UserRepository,
        catalog: TenantCatalog,
        accounts: UserAccounts,
    ) -> None:
        self._uow = uow
        self._users = users
        self._catalog = catalog
        self._accounts = accounts

    async def __call__(self, tenant_slug: str, new: NewUser) -> User:
        tenant_id = (await tenant_by_slug(self._catalog, tenant_slug)).id
        user = await self._accounts.build(tenant_id, new)
        try:
            async with self._uow.for_tenant(tenant_id) as uow:
                await self._users.add(user)
                await uow.commit()
        except Conflict as error:
            raise Conflict(f"{user.email} already exists in {tenant_slug!r}.") from error
        return user
