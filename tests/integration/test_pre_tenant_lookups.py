"""The narrow SECURITY DEFINER lookups that run before a tenant is known."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity.tenant import Tenant
from infrastructure.identity.login_throttle import SqlaLoginThrottle
from infrastructure.identity.tenant_directory import SqlaTenantDirectory
from tests.database import DatabaseUnderTest, superuser_connection
from tests.scopes import in_tenant

FUNCTIONS = ("tenant_id_for_slug", "login_throttle_retry_after", "login_throttle_fail")


async def test_slug_lookup_finds_exactly_one_active_tenant_and_nothing_else(
    database: DatabaseUnderTest,
    sessions: async_sessionmaker[AsyncSession],
    tenant_a: Tenant,
    tenant_b: Tenant,
) -> None:
    directory = SqlaTenantDirectory(database.runtime)
    assert await directory.resolve_slug("acme") == tenant_a.id
    assert await directory.resolve_slug("globex") == tenant_b.id
    assert await directory.resolve_slug("ACME") is None
    assert await directory.resolve_slug("%") is None
    async with in_tenant(sessions, None) as db:  # the runtime role itself still sees nothing
        assert await db.session.scalar(text("SELECT count(*) FROM tenants")) == 0


async def test_functions_pin_search_path_and_only_the_runtime_role_may_call_them(
    database: DatabaseUnderTest,
) -> None:
    connection = await superuser_connection(database)
    try:
        rows = await connection.fetch(
            "SELECT proname, prosecdef, proconfig, "
            "has_function_privilege('tenantry_runtime', p.oid, 'EXECUTE') AS runtime, "
            "has_function_privilege('public', p.oid, 'EXECUTE') AS everyone "
            "FROM pg_proc p WHERE proname = ANY($1::text[])",
            list(FUNCTIONS),
        )
    finally:
        await connection.close()
    assert sorted(r["proname"] for r in rows) == sorted(FUNCTIONS)
    for row in rows:
        assert row["prosecdef"], row["proname"]
        assert row["proconfig"] == ["search_path=pg_catalog, public"], row["proname"]
        assert (row["runtime"], row["everyone"]) == (True, False), row["proname"]


async def test_runtime_role_cannot_read_the_throttle_table_directly(
    database: DatabaseUnderTest,
) -> None:
    connection = await asyncpg.connect(database.urls.runtime)
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await connection.fetch("SELECT * FROM login_throttle")
    finally:
        await connection.close()


async def test_throttle_counts_per_key_and_window_and_resets(
    database: DatabaseUnderTest, sessions: async_sessionmaker[AsyncSession]
) -> None:
    throttle = SqlaLoginThrottle(database.runtime, max_failures=2, window_seconds=300)
    for _ in range(2):
        assert await throttle.retry_after("acme", "ada@acme.test") == 0
        await throttle.record_failure("acme", "ada@acme.test")
    assert 295 <= await throttle.retry_after("acme", "ada@acme.test") <= 300
    assert await throttle.retry_after("globex", "ada@acme.test") == 0
    await throttle.reset("acme", "ada@acme.test")
    assert await throttle.retry_after("acme", "ada@acme.test") == 0
