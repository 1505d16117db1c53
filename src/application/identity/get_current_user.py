"""Use case: who am I? The caller's user and tenant, in one read-only transaction."""

from __future__ import annotations

from domain.identity.ports import TenantRepository, UserRepository
from domain.identity.tenant import Tenant
from domain.identity.user import User
from domain.shared.actor import Actor
from domain.shared.errors import NotFound
from domain.shared.unit_of_work import UnitOfWork


class GetCurrentUser:
    def __init__(self, uow: UnitOfWork, users: UserRepository, tenants: TenantRepository) -> None:
        self._uow = uow
        self._users = users
        self._tenants = tenants

    async def __call__(self, actor: Actor) -> tuple[User, Tenant]:
        async with self._uow:
            user = await self._users.get(actor.user_id)
            tenant = await self._tenants.get(actor.tenant_id)
        if user is None or tenant is None:
            raise NotFound("Your user no longer exists.")
        return user, tenant
