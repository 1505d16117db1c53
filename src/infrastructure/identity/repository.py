"""SQLAlchemy adapter of ``UserRepository``; every statement filters by the tenant."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from advanced_alchemy.filters import LimitOffset, OrderBy
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.identity.user import Role, User
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from infrastructure.identity.orm import UserRow


class _UserRows(SQLAlchemyAsyncRepository[UserRow]):
    model_type = UserRow


def _to_entity(row: UserRow) -> User:
    return User(
        row.id,
        row.tenant_id,
        row.email,
        row.password_hash,
        Role(row.role),
        row.created_at,
        row.updated_at,
    )


class SqlaUserRepository:
    """Users of one tenant. The explicit ``tenant_id`` filter helps the planner and a sharded
    engine; row-level security enforces the same boundary underneath."""

    def __init__(self, session: AsyncSession, tenant_id: UUID | None) -> None:
        self._session = session
        self._tenant_id = tenant_id
        self._rows = _UserRows(session=session, auto_refresh=False, wrap_exceptions=False)

    async def add(self, user: User) -> None:
        row = UserRow(
            tenant_id=user.tenant_id,
            id=user.id,
            email=user.email,
            password_hash=user.password_hash,
            role=user.role.value,
            created_at=user.created_at,
            updated_at=user.updated_at,
        )
        await self._rows.add(row)

    async def get(self, user_id: UUID) -> User | None:
        row = await self._rows.get_one_or_none(tenant_id=self._tenant_id, id=user_id)
        return None if row is None else _to_entity(row)

    async def get_by_email(self, email: str) -> User | None:
        row = await self._rows.get_one_or_none(tenant_id=self._tenant_id, email=email)
        return None if row is None else _to_entity(row)

    async def lock_owners(self) -> tuple[UUID, ...]:
        result = await self._session.scalars(
            select(UserRow.id)
            .where(UserRow.tenant_id == self._tenant_id, UserRow.role == Role.OWNER.value)
            .order_by(UserRow.id)
            .with_for_update()
        )
        return tuple(result)

    async def list(self, query: ListQuery) -> Page[User]:
        page, ordering = query.page, query.ordering
        direction: Literal["asc", "desc"] = "desc" if ordering.descending else "asc"
        rows, total = await self._rows.get_many_and_count(
            LimitOffset(limit=page.limit, offset=page.offset),
            OrderBy(field_name=ordering.field, sort_order=direction),
            OrderBy(field_name="id", sort_order=direction),
            tenant_id=self._tenant_id,
        )
        return Page([_to_entity(r) for r in rows], total, page.limit, page.offset)

    async def save(self, user: User) -> bool:
        result = await self._session.execute(
            update(UserRow)
            .where(UserRow.tenant_id == self._tenant_id, UserRow.id == user.id)
            .values(
                email=user.email,
                role=user.role.value,
                password_hash=user.password_hash,
                updated_at=func.now(),
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def delete(self, user_id: UUID) -> bool:
        result = await self._session.execute(
            delete(UserRow)
            .where(UserRow.tenant_id == self._tenant_id, UserRow.id == user_id)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))
