"""Adapter of ``TenantRoster``: every tenant's id, read through the owner role's engine.

Only operator commands get one (the CLI holds ``DATABASE_OWNER_URL``); a tenant's request
never can, since the runtime role sees no tenant but its own.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

_IDS = text("SELECT id FROM tenants ORDER BY id")


class SqlaTenantRoster:
    def __init__(self, owner_engine: AsyncEngine) -> None:
        self._engine = owner_engine

    async def tenant_ids(self) -> list[UUID]:
        async with self._engine.connect() as connection:
            return list((await connection.scalars(_IDS)).all())
