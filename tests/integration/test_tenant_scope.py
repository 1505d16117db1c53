"""The tenant setting lives exactly as long as one transaction."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.tenancy.tenant import Tenant
from infrastructure.database.engine import create_engine, create_session_factory
from tests.conftest import uow_for
from tests.database import DatabaseUnderTest

_SCOPE = text("SELECT pg_backend_pid(), current_setting('app.tenant_id', true)")


async def test_each_transaction_is_scoped_to_its_own_tenant(
    sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant, tenant_b: Tenant
) -> None:
    for tenant in (tenant_a, tenant_b):
        async with uow_for(sessions, tenant) as uow:
            _, setting = (await uow.session.execute(_SCOPE)).one()
        assert setting == str(tenant.id)


async def test_setting_never_survives_into_the_next_transaction_on_the_same_connection(
    database: DatabaseUnderTest, sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant
) -> None:
    engine = create_engine(database.urls.runtime, pool_size=1)
    single = create_session_factory(engine)
    try:
        async with uow_for(single, tenant_a) as uow:
            pid_a, setting_a = (await uow.session.execute(_SCOPE)).one()
            assert await uow.session.scalar(text("SELECT count(*) FROM tenants")) == 1
            await uow.commit()  # a rolled-back SET would vanish anyway; a committed one must too
        async with uow_for(single, None) as uow:
            pid_next, setting_next = (await uow.session.execute(_SCOPE)).one()
            visible = await uow.session.scalar(text("SELECT count(*) FROM tenants"))
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
        async with uow_for(single, tenant_a) as uow:
            await uow.session.connection()  # checked out and armed, but no statement sent
        async with uow_for(single, None) as uow:
            _, setting = (await uow.session.execute(_SCOPE)).one()
    finally:
        await engine.dispose()
    assert setting in (None, "")
