"""Use case: an owner or admin adds a user to their tenant (one transaction)."""

from __future__ import annotations

from application.identity.permissions import ensure_can_manage
from application.identity.user_accounts import NewUser, UserAccounts
from domain.identity.errors import EmailTaken
from domain.identity.ports import UserRepository
from domain.identity.user import User
from domain.shared.actor import Actor
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWork


class CreateUser:
    def __init__(self, uow: UnitOfWork, users: UserRepository, accounts: UserAccounts) -> None:
        self._uow = uow
        self._users = users
        self._accounts = accounts

    async def __call__(self, actor: Actor, new: NewUser) -> User:
        ensure_can_manage(actor, new.role)
        user = await self._accounts.build(actor.tenant_id, new)
        try:
            async with self._uow as uow:
                await self._users.add(user)
                await uow.commit()
        except Conflict as error:
            raise EmailTaken() from error
        return user
