"""Service: create a tenant together with its first owner, atomically."""

from __future__ import annotations

from dataclasses import dataclass

from application.identity.user_accounts import NewUser, UserAccounts
from domain.identity.errors import SlugTaken
from domain.identity.ports import TenantDirectory, TenantRepository, UserRepository
from domain.identity.tenant import Tenant
from domain.identity.user import User
from domain.shared.actor import Role
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class NewTenant:
    tenant_name: str
    tenant_slug: str
    email: str
    password: str


class RegisterTenant:
    """Used by HTTP signup and by the operator CLI.

    A taken slug is refused before the owner's password is hashed (and again by the unique
    constraint, should two signups race). Transaction: one, scoped to the new tenant's id
    (generated here, so row-level security accepts both inserts); it starts at
    ``async with`` and ends at ``commit()``.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        tenants: TenantRepository,
        users: UserRepository,
        accounts: UserAccounts,
        directory: TenantDirectory,
    ) -> None:
        self._uow = uow
        self._tenants = tenants
        self._users = users
        self._accounts = accounts
        self._directory = directory

    async def __call__(self, new: NewTenant) -> tuple[Tenant, User]:
        tenant = Tenant.register(new.tenant_name, new.tenant_slug)
        if await self._directory.slug_taken(tenant.slug):
            raise SlugTaken()  # before the password hash: a taken slug costs no CPU
        owner = await self._accounts.build(tenant.id, NewUser(new.email, new.password, Role.OWNER))
        try:
            async with self._uow.for_tenant(tenant.id) as uow:
                await self._tenants.add(tenant)
                await self._users.add(owner)
                await uow.commit()
        except Conflict as error:
            raise SlugTaken() from error
        return tenant, owner
