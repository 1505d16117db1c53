"""SQLAlchemy adapter of ``RefreshTokenRepository``; every statement filters by tenant."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import func, select, update

from domain.identity.refresh_token import RefreshToken
from infrastructure.database.tenant_session import TenantSession
from infrastructure.identity.orm import RefreshTokenRow


class SqlaRefreshTokenRepository:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def add(self, token: RefreshToken) -> None:
        session = self._db.session
        session.add(
            RefreshTokenRow(
                tenant_id=token.tenant_id,
                id=token.id,
                user_id=token.user_id,
                family_id=token.family_id,
                token_hash=token.token_hash,
                expires_at=token.expires_at,
            )
        )
        await session.flush()

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None:
        row = await self._db.session.scalar(
            select(RefreshTokenRow)
            .where(
                RefreshTokenRow.tenant_id == self._db.tenant_id,
                RefreshTokenRow.token_hash == token_hash,
            )
            .with_for_update()
        )
        if row is None:
            return None
        return RefreshToken(
            row.id,
            row.tenant_id,
            row.user_id,
            row.family_id,
            row.token_hash,
            row.expires_at,
            row.used_at,
            row.revoked_at,
        )

    async def mark_used(self, token_id: UUID) -> None:
        await self._db.session.execute(
            update(RefreshTokenRow)
            .where(RefreshTokenRow.tenant_id == self._db.tenant_id, RefreshTokenRow.id == token_id)
            .values(used_at=func.now(), updated_at=func.now())
            .execution_options(synchronize_session=False)
        )
