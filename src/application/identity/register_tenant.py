"""Service: create a tenant together with its first owner, atomically."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.password_policy import check_password
from domain.identity.ports import PasswordHasher
from domain.identity.user import Role, User, normalize_email
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

    def __init__(self, uows: UnitOfWorkFactory, hasher: PasswordHasher) -> None:
        self._uows = uows
        self._hasher = hasher

    async def __call__(self, new: NewTenant) -> tuple[Tenant, User]:
        tenant = Tenant.register(new.tenant_name, new.tenant_slug)
        email = normalize_email(new.email)
        check_password(new.password, email)
        owner = User.create(tenant.id, email, await self._hasher.hash(new.password), Role.OWNER)
        try:
            async with self._uows.for_tenant(tenant.id) as uow:
                await uow.tenants.add(tenant)
                await uow.users.add(owner)
                await uow.commit()
        except Conflict as error:
            raise SlugTaken() from error
        return tenant, owner
