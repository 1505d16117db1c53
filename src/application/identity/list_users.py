"""Use case: a page of the caller's tenant's users (one read-only transaction)."""

from __future__ import annotations

from domain.identity.ports import UserRepository
from domain.identity.user import User
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from domain.shared.unit_of_work import UnitOfWork


class ListUsers:
    def __init__(self, uow: UnitOfWork, users: UserRepository) -> None:
        self._uow = uow
        self._users = users

    async def __call__(self, query: ListQuery) -> Page[User]:
        async with self._uow:
            return await self._users.list(query)
