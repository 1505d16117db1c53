"""The order reads borrow a pooled connection (``SqlaOrderViews``; a page for a read-only
transaction of its own, a single order for one statement): however many run at once (past
the pool's size, so overflow connections open and close), every connection goes back to the
pool; a failing read gives its connection back too, its error translated
(``database_failures``), and leaves no tenant on the connection for the next transaction. A
read that finds every connection of a pool without overflow busy for the pool's wait is a
503, and the pool serves again."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest
from prometheus_client import REGISTRY
from sqlalchemy.ext.asyncio import AsyncEngine

from application.shared.tenant_context import TenantContext
from domain.identity.tenant import Tenant
from domain.shared.errors import ServiceUnavailable, ValidationFailed
from infrastructure.database.engine import create_engine, create_session_factory
from infrastructure.database.tenant_scope import TenantScopedConnection
from infrastructure.database.tenant_session import TenantSession
from infrastructure.ordering.order_views import SqlaOrderViews, scoped_read
from tests.database import DatabaseUnderTest

_SETTING = "SELECT current_setting('app.tenant_id', true)"


def _views(engine: AsyncEngine, tenant_id: UUID) -> SqlaOrderViews:
    db = TenantSession(create_session_factory(engine), TenantContext(tenant_id))
    return SqlaOrderViews(db, engine)


def _in_use() -> float:
    value = REGISTRY.get_sample_value("tenantry_db_connections_in_use")
    assert value is not None
    return value


async def test_reads_past_the_pool_give_every_connection_back(
    database: DatabaseUnderTest, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    engine = create_engine(database.urls.runtime, pool_size=2)  # and 2 more in overflow
    before = _in_use()
    try:
        views = [_views(engine, tenant.id) for tenant in (tenant_a, tenant_b)]
        found = await asyncio.gather(*(views[i % 2].get(uuid4()) for i in range(16)))
        pool: Any = engine.pool
        checked_out, kept = pool.checkedout(), pool.checkedin()
    finally:
        await engine.dispose()
    assert found == [None] * 16
    assert checked_out == 0 and kept == 2
    assert _in_use() == before


async def test_a_failing_read_gives_its_connection_back_with_no_tenant(
    database: DatabaseUnderTest, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    engine = create_engine(database.urls.runtime, pool_size=1)
    before = _in_use()

    async def failing(driver: TenantScopedConnection) -> None:
        await driver.fetchval("SELECT 1 / 0")

    async def setting(driver: TenantScopedConnection) -> object:
        return await driver.fetchval(_SETTING)

    try:
        with pytest.raises(ValidationFailed) as failed:
            await _views(engine, tenant_a.id)._alone(lambda d: scoped_read(d, tenant_a.id, failing))
        checked_out = engine.pool.checkedout()  # type: ignore[attr-defined]
        in_b = await _views(engine, tenant_b.id)._alone(
            lambda d: scoped_read(d, tenant_b.id, setting)
        )
        async with engine.connect() as connection:  # the same connection, no tenant armed
            outside = (await connection.exec_driver_sql(_SETTING)).scalar()
    finally:
        await engine.dispose()
    assert isinstance(failed.value.__cause__, asyncpg.DivisionByZeroError)
    assert checked_out == 0
    assert in_b == str(tenant_b.id)
    assert outside in (None, "")
    assert _in_use() == before


async def test_a_read_that_finds_no_free_connection_is_a_503(
    database: DatabaseUnderTest, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    engine = create_engine(database.urls.runtime, pool_size=1, overflow=0, wait=0.2)
    try:
        async with engine.connect() as held:
            await held.exec_driver_sql("SELECT 1")  # the pool's only connection, busy
            with pytest.raises(ServiceUnavailable) as busy:
                await _views(engine, tenant_a.id).get(uuid4())
        after = await _views(engine, tenant_b.id).get(uuid4())
    finally:
        await engine.dispose()
    assert busy.value.transient
    assert after is None  # served again once the connection came back
