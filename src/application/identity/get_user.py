"""Use case: one user of the caller's tenant; another tenant's user is a 404."""

from __future__ import annotations

from uuid import UUID

from domain.identity.errors import UserNotFound
from domain.identity.ports import UserRepository
from domain.identity.user import User
from domain.shared.unit_of_work import UnitOfWork


class GetUser:
    def __init__(self, uow: UnitOfWork, users: UserRepository) -> None:
        self._uow = uow
        self._users = users

    async def __call__(self, user_id: UUID) -> User:
        async with self._uow:
            user = await self._users.get(user_id)
        if user is None:
            raise UserNotFound()
        return user
