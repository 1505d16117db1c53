"""Tenant lookups that happen before any tenant is set."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.identity.tenant import Tenant, TenantStatus
from infrastructure.database.errors import database_failures
from infrastructure.identity.orm import TenantRow

_RESOLVE = text("SELECT tenant_id_for_slug(:slug)")
_TAKEN = text("SELECT tenant_slug_taken(:slug)")


class SqlaTenantDirectory:
    """Resolves a slug through the narrow ``SECURITY DEFINER`` functions of migrations 0002
    and 0009;
    the runtime role itself still sees no tenant row without its tenant set."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def resolve_slug(self, slug: str) -> UUID | None:
        async with database_failures(), self._engine.connect() as connection:
            tenant_id = await connection.scalar(_RESOLVE, {"slug": slug})
        return tenant_id if isinstance(tenant_id, UUID) else None

    async def slug_taken(self, slug: str) -> bool:
        async with database_failures(), self._engine.connect() as connection:
            return bool(await connection.scalar(_TAKEN, {"slug": slug}))


class SqlaTenantCatalog:
    """Lists every tenant; needs the owner role's engine (operators' CLI only)."""

    def __init__(self, owner_engine: AsyncEngine) -> None:
        self._engine = owner_engine

    async def list_all(self) -> list[Tenant]:
        async with self._engine.connect() as connection:
            rows = (await connection.execute(select(TenantRow).order_by(TenantRow.slug))).all()
        return [_tenant(row) for row in rows]

    async def get_by_slug(self, slug: str) -> Tenant | None:
        async with self._engine.connect() as connection:
            row = (
                await connection.execute(select(TenantRow).where(TenantRow.slug == slug))
            ).first()
        return None if row is None else _tenant(row)


def _tenant(row: Any) -> Tenant:
    """A ``tenants`` row, as the owner's plain connection returns it."""
    return Tenant(
        row.id, row.name, row.slug, TenantStatus(row.status), row.created_at, row.updated_at
    )
