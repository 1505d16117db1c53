"""SQLAlchemy adapter of ``TenantRepository``."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import func, select, update

from domain.identity.tenant import Tenant, TenantStatus
from infrastructure.database.notify import notify
from infrastructure.database.tenant_session import TenantSession
from infrastructure.identity.orm import TenantRow
from infrastructure.identity.revocation_watcher import ACCESS_CHANNEL


class SqlaTenantRepository:
    """Row-level security on ``tenants`` shows a transaction only its own tenant row."""

    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def add(self, tenant: Tenant) -> None:
        session = self._db.session
        session.add(
            TenantRow(
                id=tenant.id,
                name=tenant.name,
                slug=tenant.slug,
                status=tenant.status.value,
                created_at=tenant.created_at,
                updated_at=tenant.updated_at,
            )
        )
        await session.flush()

    async def get(self, tenant_id: UUID) -> Tenant | None:
        row = await self._db.session.scalar(select(TenantRow).where(TenantRow.id == tenant_id))
        if row is None:
            return None
        return Tenant(
            row.id, row.name, row.slug, TenantStatus(row.status), row.created_at, row.updated_at
        )

    async def save(self, tenant: Tenant) -> bool:
        """Write the tenant's name and status, and tell every API process its status
        (delivered at commit). False when the tenant is not this transaction's."""
        saved = await self._db.session.scalars(
            update(TenantRow)
            .where(TenantRow.id == tenant.id)
            .values(name=tenant.name, status=tenant.status.value, updated_at=func.now())
            .returning(TenantRow.id)
        )
        if len(saved.all()) != 1:
            return False
        payload = f"tenant:{tenant.id}:{tenant.status.value}"
        await notify(self._db.session, ACCESS_CHANNEL, [payload])
        return True
