"""Service: create a tenant together with its first owner, atomically."""

from __future__ import annotations

from dataclasses import dataclass

from application.identity.user_accounts import NewUser, UserAccounts
from domain.identity.user import Role, User
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWorkFactory
from domain.tenancy.tenant import Tenant


@dataclass(frozen=True, slots=True)
class NewTenant:
    tenant_name: str
    tenant_slug: str
    email: str
    password: str


class SlugTaken(Conflict):
    default_detail = "This tenant slug is already taken."


class RegisterTenant:
    """Used by HTTP signup and by the operator CLI.

    Transaction: one, scoped to the new tenant's id (generated here, so row-level security
    accepts both inserts); it starts at ``async with`` and ends at ``commit()``.
    """

    def __init__(self, uows: UnitOfWorkFactory, accounts: UserAccounts) -> None:
        self._uows = uows
        self._accounts = accounts

    async def __call__(self, new: NewTenant) -> tuple[Tenant, User]:
        tenant = Tenant.register(new.tenant_name, new.tenant_slug)
        owner = await self._accounts.build(tenant.id, NewUser(new.email, new.password, Role.OWNER))
        try:
            async with self._uows.for_tenant(tenant.id) as uow:
                await uow.tenants.add(tenant)
                await uow.users.add(owner)
                await uow.commit()
        except Conflict as error:
            raise SlugTaken() from error
        return tenant, owner
