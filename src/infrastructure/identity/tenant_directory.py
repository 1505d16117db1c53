"""Tenant lookups that happen before any tenant is set."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.identity.tenant import Tenant, TenantStatus
from infrastructure.identity.orm import TenantRow

_RESOLVE = text("SELECT tenant_id_for_slug(:slug)")


class SqlaTenantDirectory:
    """Resolves a slug through the narrow ``SECURITY DEFINER`` function of migration 0002;
    the runtime role itself still sees no tenant row without its tenant set."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def resolve_slug(self, slug: str) -> UUID | None:
        async with self._engine.connect() as connection:
            tenant_id = await connection.scalar(_RESOLVE, {"slug": slug})
        return tenant_id if isinstance(tenant_id, UUID) else None


class SqlaTenantCatalog:
    """Lists every tenant; needs the owner role's engine (operators' CLI only)."""

    def __init__(self, owner_engine: AsyncEngine) -> None:
        self._engine = owner_engine

    async def list_all(self) -> list[Tenant]:
        async with self._engine.connect() as connection:
            rows = (await connection.execute(select(TenantRow).order_by(TenantRow.slug))).all()
        return [
            Tenant(r.id, r.name, r.slug, TenantStatus(r.status), r.created_at, r.updated_at)
            for r in rows
        ]
