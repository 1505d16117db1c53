"""SQLAlchemy adapter of ``TenantRepository``."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.tenancy.tenant import Tenant, TenantStatus
from infrastructure.tenancy.orm import TenantRow


class SqlaTenantRepository:
    """Row-level security on ``tenants`` shows a transaction only its own tenant row."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, tenant: Tenant) -> None:
        self._session.add(
            TenantRow(
                id=tenant.id,
                name=tenant.name,
                slug=tenant.slug,
                status=tenant.status.value,
                created_at=tenant.created_at,
                updated_at=tenant.updated_at,
            )
        )
        await self._session.flush()

    async def get(self, tenant_id: UUID) -> Tenant | None:
        row = await self._session.scalar(select(TenantRow).where(TenantRow.id == tenant_id))
        if row is None:
            return None
        return Tenant(
            row.id, row.name, row.slug, TenantStatus(row.status), row.created_at, row.updated_at
        )
