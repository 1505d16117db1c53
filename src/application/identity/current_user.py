"""Use cases about the caller's own session: who am I, and log out."""

from __future__ import annotations

from domain.identity.principal import Principal
from domain.identity.user import User
from domain.shared.errors import NotFound
from domain.shared.unit_of_work import UnitOfWork
from domain.tenancy.tenant import Tenant


class GetCurrentUser:
    """Reads the caller's user and tenant (one read-only transaction)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, actor: Principal) -> tuple[User, Tenant]:
        async with self._uow as uow:
            user = await uow.users.get(actor.user_id)
            tenant = await uow.tenants.get(actor.tenant_id)
        if user is None or tenant is None:
            raise NotFound("Your user no longer exists.")
        return user, tenant


class LogOut:
    """Revokes the caller's refresh-token family. Its access token lives until ``exp``."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, actor: Principal) -> None:
        async with self._uow as uow:
            await uow.refresh_tokens.revoke_family(actor.session_id)
            await uow.commit()
