"""SQLAlchemy adapter of ``SessionRepository``; every statement filters by the tenant."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import ColumnElement, func, select, update

from domain.identity.session import SessionOrigin, UserSession
from infrastructure.database.notify import notify
from infrastructure.database.tenant_session import TenantSession
from infrastructure.identity.orm import UserSessionRow
from infrastructure.identity.revocation_watcher import ACCESS_CHANNEL


def _entity(row: UserSessionRow) -> UserSession:
    return UserSession(
        row.id,
        row.tenant_id,
        row.user_id,
        row.created_at,
        row.last_used_at,
        row.expires_at,
        row.revoked_at,
        SessionOrigin(row.client, row.user_agent),
    )


class SqlaSessionRepository:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    def _mine(self, *conditions: ColumnElement[bool]) -> tuple[ColumnElement[bool], ...]:
        return (UserSessionRow.tenant_id == self._db.tenant_id, *conditions)

    async def add(self, session: UserSession) -> None:
        self._db.session.add(
            UserSessionRow(
                tenant_id=session.tenant_id,
                id=session.id,
                user_id=session.user_id,
                expires_at=session.expires_at,
                last_used_at=session.last_used_at,
                client=session.origin.client,
                user_agent=session.origin.user_agent,
                created_at=session.created_at,
                updated_at=session.created_at,
            )
        )
        await self._db.session.flush()

    async def get(self, session_id: UUID) -> UserSession | None:
        row = await self._db.session.scalar(
            select(UserSessionRow)
            .where(*self._mine(UserSessionRow.id == session_id))
            .with_for_update(key_share=True)
        )
        return None if row is None else _entity(row)

    async def list_active(self, user_id: UUID) -> list[UserSession]:
        rows = await self._db.session.scalars(
            select(UserSessionRow)
            .where(*self._active(UserSessionRow.user_id == user_id))
            .order_by(UserSessionRow.last_used_at.desc(), UserSessionRow.id)
        )
        return [_entity(row) for row in rows]

    async def touch(self, session_id: UUID) -> None:
        await self._db.session.execute(
            update(UserSessionRow)
            .where(*self._mine(UserSessionRow.id == session_id))
            .values(last_used_at=func.now(), updated_at=func.now())
            .execution_options(synchronize_session=False)
        )

    async def revoke(self, session_id: UUID, user_id: UUID | None = None) -> bool:
        condition = UserSessionRow.id == session_id
        if user_id is not None:
            condition = condition & (UserSessionRow.user_id == user_id)
        return await self._revoke(condition) > 0

    async def revoke_all(self, user_id: UUID, keep: UUID | None = None) -> int:
        condition = UserSessionRow.user_id == user_id
        if keep is not None:
            condition = condition & (UserSessionRow.id != keep)
        return await self._revoke(condition)

    def _active(self, *conditions: ColumnElement[bool]) -> tuple[ColumnElement[bool], ...]:
        return self._mine(
            UserSessionRow.revoked_at.is_(None), UserSessionRow.expires_at > func.now(), *conditions
        )

    async def _revoke(self, condition: ColumnElement[bool]) -> int:
        """End the matching active sessions and tell every API process (delivered at
        commit, so a rollback tells nobody)."""
        revoked = await self._db.session.scalars(
            update(UserSessionRow)
            .where(*self._active(condition))
            .values(revoked_at=func.now(), updated_at=func.now())
            .returning(UserSessionRow.id)
        )
        ids = revoked.all()
        await notify(self._db.session, ACCESS_CHANNEL, [f"session:{id_}" for id_ in ids])
        return len(ids)
