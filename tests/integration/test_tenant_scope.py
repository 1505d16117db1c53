"""The tenant setting lives exactly as long as one transaction."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity.tenant import Tenant
from infrastructure.database.engine import create_engine, create_session_factory
from infrastructure.database.tenant_scope import TenantScopedConnection
from tests.database import DatabaseUnderTest, runs_citus
from tests.scopes import in_tenant

_SCOPE = text("SELECT pg_backend_pid(), current_setting('app.tenant_id', true)")


async def test_each_transaction_is_scoped_to_its_own_tenant(
    sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant, tenant_b: Tenant
) -> None:
    for tenant in (tenant_a, tenant_b):
        async with in_tenant(sessions, tenant) as db:
            _, setting = (await db.session.execute(_SCOPE)).one()
        assert setting == str(tenant.id)


async def test_setting_never_survives_into_the_next_transaction_on_the_same_connection(
    database: DatabaseUnderTest, sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant
) -> None:
    engine = create_engine(database.urls.runtime, pool_size=1)
    single = create_session_factory(engine)
    try:
        async with in_tenant(single, tenant_a) as db:
            pid_a, setting_a = (await db.session.execute(_SCOPE)).one()
            assert await db.session.scalar(text("SELECT count(*) FROM tenants")) == 1
            await db.commit()  # a rolled-back SET would vanish anyway; a committed one must too
        async with in_tenant(single, None) as db:
            pid_next, setting_next = (await db.session.execute(_SCOPE)).one()
            visible = await db.session.scalar(text("SELECT count(*) FROM tenants"))
    finally:
        await engine.dispose()
    assert pid_next == pid_a, "the test must reuse the pooled connection"
    assert setting_a == str(tenant_a.id)
    assert setting_next in (None, "")
    assert visible == 0


async def test_a_transaction_begun_but_unused_leaves_no_scope_behind(
    database: DatabaseUnderTest, sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant
) -> None:
    engine = create_engine(database.urls.runtime, pool_size=1)
    single = create_session_factory(engine)
    try:
        async with in_tenant(single, tenant_a) as db:
            await db.session.connection()  # checked out and armed, but no statement sent
        async with in_tenant(single, None) as db:
            _, setting = (await db.session.execute(_SCOPE)).one()
    finally:
        await engine.dispose()
    assert setting in (None, "")


async def test_each_connection_knows_whether_its_server_runs_citus(
    database: DatabaseUnderTest, sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant
) -> None:
    """The form of the tenant's ``SET LOCAL`` follows the server: bare on plain PostgreSQL,
    in a ``DO`` block on Citus (``tenant_scope``); the engine's connections learn which."""
    expected = await runs_citus(database)
    async with database.runtime.connect() as connection:
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
    assert isinstance(driver, TenantScopedConnection) and driver.on_citus is expected
    async with in_tenant(sessions, tenant_a) as db:
        _, setting = (await db.session.execute(_SCOPE)).one()
    assert setting == str(tenant_a.id)
