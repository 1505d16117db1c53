"""SQLAlchemy adapter of ``UserRepository``; every statement filters by the tenant."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import ColumnElement, delete, func, select, update

from domain.identity.user import User
from domain.shared.actor import Role
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from infrastructure.database.tenant_session import TenantSession
from infrastructure.identity.orm import UserRow
from infrastructure.persistence.listing import fetch_page


def _entity(row: UserRow) -> User:
    return User(
        row.id,
        row.tenant_id,
        row.email,
        row.password_hash,
        Role(row.role),
        row.version,
        row.created_at,
        row.updated_at,
    )


class SqlaUserRepository:
    """Users of one tenant. The explicit ``tenant_id`` filter helps the planner and a sharded
    engine; row-level security enforces the same boundary underneath."""

    def __init__(self, db: TenantSession) -> None:
        self._db = db

    def _mine(self, *conditions: ColumnElement[bool]) -> tuple[ColumnElement[bool], ...]:
        return (UserRow.tenant_id == self._db.tenant_id, *conditions)

    async def add(self, user: User) -> None:
        session = self._db.session
        session.add(
            UserRow(
                tenant_id=user.tenant_id,
                id=user.id,
                email=user.email,
                password_hash=user.password_hash,
                role=user.role.value,
                version=user.version,
                created_at=user.created_at,
                updated_at=user.updated_at,
            )
        )
        await session.flush()
        self._db.track(user)

    async def get(self, user_id: UUID) -> User | None:
        row = await self._db.session.scalar(
            select(UserRow).where(*self._mine(UserRow.id == user_id))
        )
        return None if row is None else _entity(row)

    async def get_by_email(self, email: str) -> User | None:
        row = await self._db.session.scalar(
            select(UserRow).where(*self._mine(UserRow.email == email))
        )
        return None if row is None else _entity(row)

    async def get_held(self, user_id: UUID) -> User | None:
        row = await self._db.session.scalar(
            select(UserRow).where(*self._mine(UserRow.id == user_id)).with_for_update(read=True)
        )
        return None if row is None else _entity(row)

    async def replace_password(self, user_id: UUID, expected_hash: str, new_hash: str) -> bool:
        result = await self._db.session.execute(
            update(UserRow)
            .where(*self._mine(UserRow.id == user_id, UserRow.password_hash == expected_hash))
            .values(password_hash=new_hash, version=UserRow.version + 1, updated_at=func.now())
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def lock_owners(self) -> tuple[UUID, ...]:
        result = await self._db.session.scalars(
            select(UserRow.id)
            .where(*self._mine(UserRow.role == Role.OWNER.value))
            .order_by(UserRow.id)
            .with_for_update()
        )
        return tuple(result)

    async def list(self, query: ListQuery) -> Page[User]:
        rows, total = await fetch_page(
            self._db.session, select(UserRow), UserRow, self._mine(), query
        )
        return Page.window([_entity(r[0]) for r in rows], total, query.page)

    async def save(self, user: User, expected_version: int) -> bool:
        result = await self._db.session.execute(
            update(UserRow)
            .where(*self._mine(UserRow.id == user.id, UserRow.version == expected_version))
            .values(
                email=user.email,
                role=user.role.value,
                password_hash=user.password_hash,
                version=user.version,
                updated_at=func.now(),
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def delete(self, user_id: UUID, expected_version: int) -> bool:
        result = await self._db.session.execute(
            delete(UserRow)
            .where(*self._mine(UserRow.id == user_id, UserRow.version == expected_version))
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))
