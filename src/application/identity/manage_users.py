"""Use cases on a tenant's users. Each runs in the request's unit of work, which is scoped
to the caller's tenant: another tenant's user is never found (404), never changed."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.identity.permissions import ensure_can_manage
from application.identity.user_accounts import NewUser, UserAccounts
from domain.identity.errors import LastOwnerRequired
from domain.identity.principal import Principal
from domain.identity.user import Role, User
from domain.shared.errors import Conflict, NotFound
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from domain.shared.unit_of_work import UnitOfWork


class UserNotFound(NotFound):
    default_detail = "The user was not found."


class EmailTaken(Conflict):
    default_detail = "A user with this e-mail already exists in this tenant."


@dataclass(frozen=True, slots=True)
class UserChanges:
    role: Role | None = None
    email: str | None = None


class ListUsers:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, query: ListQuery) -> Page[User]:
        async with self._uow as uow:
            return await uow.users.list(query)


class GetUser:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, user_id: UUID) -> User:
        async with self._uow as uow:
            user = await uow.users.get(user_id)
        if user is None:
            raise UserNotFound()
        return user


class CreateUser:
    """Transaction: one; the new user is inserted and committed."""

    def __init__(self, uow: UnitOfWork, accounts: UserAccounts) -> None:
        self._uow = uow
        self._accounts = accounts

    async def __call__(self, actor: Principal, new: NewUser) -> User:
        ensure_can_manage(actor, new.role)
        user = await self._accounts.build(actor.tenant_id, new)
        try:
            async with self._uow as uow:
                await uow.users.add(user)
                await uow.commit()
        except Conflict as error:
            raise EmailTaken() from error
        return user


class UpdateUser:
    """Transaction: one; owners are locked first so two demotions cannot race past the
    last-owner rule."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, actor: Principal, user_id: UUID, changes: UserChanges) -> User:
        try:
            async with self._uow as uow:
                owners = await uow.users.lock_owners()
                user = await uow.users.get(user_id)
                if user is None:
                    raise UserNotFound()
                ensure_can_manage(actor, user.role, *([changes.role] if changes.role else []))
                if changes.role is not None and changes.role is not Role.OWNER:
                    if owners == (user.id,):
                        raise LastOwnerRequired()
                user.update(role=changes.role, email=changes.email)
                await uow.users.save(user)
                await uow.commit()
        except LastOwnerRequired:
            raise
        except Conflict as error:
            raise EmailTaken() from error
        return user


class DeleteUser:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, actor: Principal, user_id: UUID) -> None:
        async with self._uow as uow:
            owners = await uow.users.lock_owners()
            user = await uow.users.get(user_id)
            if user is None:
                raise UserNotFound()
            ensure_can_manage(actor, user.role)
            if owners == (user.id,):
                raise LastOwnerRequired()
            await uow.users.delete(user.id)
            await uow.commit()
