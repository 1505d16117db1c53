"""Adapter of ``TenantEraser``: the owner role deletes a tenant and every row of it.

The owner role, because the runtime role may not delete tenants (it has no DELETE on
``tenants``). Row-level security binds the owner too (FORCE), so the transaction is scoped
to the tenant like any other (``SET LOCAL`` at its start), and every statement also
filters by ``tenant_id``. The tables come from the ORM models, dependents first, so a new
tenant table is deleted without editing this; a table the models missed would keep its
rows, and the tenant row's ``RESTRICT`` foreign keys would then undo the whole transaction
rather than leave half a tenant.

Transaction (one): lock the tenant row (``FOR UPDATE``: a write that would add a row of the
tenant waits for the end, then finds no tenant), delete the tenant's rows table by table,
delete the tenant, record its id in ``tenant_deletions`` and send
``NOTIFY tenantry_access, 'tenant:<id>:deleted'`` (delivered at commit); commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from sqlalchemy import Table, delete, func, insert, literal, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from infrastructure.database.engine import create_session_factory
from infrastructure.database.errors import database_failures
from infrastructure.database.tenant_scope import TENANT_INFO_KEY
from infrastructure.identity.orm import TenantDeletionRow, TenantRow
from infrastructure.identity.revocation_watcher import ACCESS_CHANNEL
from infrastructure.persistence.registry import load_models


def tenant_tables() -> list[Table]:
    """Every table holding a ``tenant_id``, each after the tables that reference it."""
    return [t for t in reversed(load_models().sorted_tables) if "tenant_id" in t.c]


class SqlaTenantEraser:
    def __init__(self, owner_engine: AsyncEngine) -> None:
        self._sessions = create_session_factory(owner_engine)

    async def erase(self, tenant_id: UUID) -> Mapping[str, int] | None:
        async with (
            database_failures(),
            self._sessions(info={TENANT_INFO_KEY: tenant_id}) as session,
            session.begin(),
        ):
            held = select(TenantRow.id).where(TenantRow.id == tenant_id).with_for_update()
            if await session.scalar(held) is None:
                return None
            rows = {t.name: await _delete_rows(session, t, tenant_id) for t in tenant_tables()}
            await session.execute(delete(TenantRow).where(TenantRow.id == tenant_id))
            await session.execute(insert(TenantDeletionRow).values(id=tenant_id))
            payload = f"tenant:{tenant_id}:deleted"
            await session.execute(select(func.pg_notify(literal(ACCESS_CHANNEL), payload)))
        return rows


async def _delete_rows(session: AsyncSession, table: Table, tenant_id: UUID) -> int:
    connection = await session.connection()
    deleted = await connection.execute(delete(table).where(table.c.tenant_id == tenant_id))
    return deleted.rowcount
