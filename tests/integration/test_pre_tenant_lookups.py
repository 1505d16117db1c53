"""The narrow SECURITY DEFINER lookups that run before a tenant is known."""

from __future__ import annotations

import asyncio
from uuid import uuid4

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity.tenant import Tenant
from infrastructure.database.rate_counters import SqlaRateCounters
from infrastructure.identity.login_throttle import LoginThrottleRules, SqlaLoginThrottle
from infrastructure.identity.tenant_directory import SqlaTenantDirectory
from tests.database import DatabaseUnderTest, superuser_connection
from tests.scopes import in_tenant

FUNCTIONS = (
    "tenant_id_for_slug",
    "tenant_slug_taken",
    "rate_counter_take",
    "rate_counter_backoff",
    "rate_counter_clear",
    "rate_counter_purge",
    "rate_counter_login",
    "suspended_tenant_ids",
    "revoked_session_ids",
    "deleted_tenant_ids",
)


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
            await connection.fetch("SELECT * FROM rate_counters")
    finally:
        await connection.close()


async def test_parallel_attempts_cannot_race_past_the_per_client_limit(
    database: DatabaseUnderTest, sessions: async_sessionmaker[AsyncSession]
) -> None:
    throttle = SqlaLoginThrottle(SqlaRateCounters(database.runtime), LoginThrottleRules(5, 300))
    waits = await asyncio.gather(
        *(throttle.admit("acme", "ada@acme.test", "192.0.2.1") for _ in range(25))
    )
    assert sum(1 for wait in waits if wait == 0) == 5
    assert all(295 <= wait <= 300 for wait in waits if wait), waits
    assert await throttle.admit("acme", "ada@acme.test", "198.51.100.7") == 0
    assert await throttle.admit("globex", "ada@acme.test", "192.0.2.1") == 0
    await throttle.succeeded("acme", "ada@acme.test", "192.0.2.1")
    assert await throttle.admit("acme", "ada@acme.test", "192.0.2.1") == 0


async def test_the_account_counter_slows_every_client_but_never_blocks_for_long(
    database: DatabaseUnderTest, sessions: async_sessionmaker[AsyncSession]
) -> None:
    rules = LoginThrottleRules(max_failures=100, window_seconds=300, free_attempts=3)
    throttle = SqlaLoginThrottle(SqlaRateCounters(database.runtime), rules)
    clients = [f"192.0.2.{n}" for n in range(1, 5)]
    assert [await throttle.admit("acme", "ada@acme.test", c) for c in clients[:3]] == [0, 0, 0]
    assert await throttle.admit("acme", "ada@acme.test", clients[3]) == 1  # 2^0 s after the 3rd
    await asyncio.sleep(1.05)
    assert await throttle.admit("acme", "ada@acme.test", clients[3]) == 0  # slowed, not locked
    assert await throttle.admit("acme", "ada@acme.test", clients[0]) == 2  # then 2^1 s
    assert await throttle.admit("acme", "bob@acme.test", clients[0]) == 0


async def test_an_attempt_the_account_backoff_refuses_costs_its_client_nothing(
    database: DatabaseUnderTest, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """An attacker keeping the account in backoff must not get the owner blocked through
    the owner's own refused attempts."""
    rules = LoginThrottleRules(max_failures=2, window_seconds=300, free_attempts=1)
    throttle = SqlaLoginThrottle(SqlaRateCounters(database.runtime), rules)
    assert await throttle.admit("acme", "ada@acme.test", "192.0.2.66") == 0  # the attacker
    owner = [await throttle.admit("acme", "ada@acme.test", "198.51.100.7") for _ in range(5)]
    assert owner == [1] * 5  # slowed by the account's backoff, five times
    await asyncio.sleep(1.05)
    assert await throttle.admit("acme", "ada@acme.test", "198.51.100.7") == 0  # not blocked


async def test_counter_windows_restart_and_expired_counters_are_purged(
    database: DatabaseUnderTest, sessions: async_sessionmaker[AsyncSession]
) -> None:
    counters = SqlaRateCounters(database.runtime)
    key = uuid4()
    assert await counters.take(key, 1) == (1, 1)
    assert (await counters.take(key, 1))[0] == 2
    await asyncio.sleep(1.1)
    assert await counters.take(key, 60) == (1, 60)
    await counters.take(uuid4(), 1)
    await asyncio.sleep(1.1)
    assert await counters.purge() == 1  # the one-second counter, not the running one
