"""``tenant_order_document`` (migration 0024), the single-order read in one round trip, as the
app's runtime role with two tenants: it reads the order of the tenant it is given and no
other, runs as its caller (under row-level security), leaves no tenant on the connection,
and refuses a transaction already scoped to another tenant. The app does not call it on
Citus (``order_views.py``)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity.tenant import Tenant
from infrastructure.database.tenant_scope import set_local_statement
from infrastructure.ordering.order_views import ORDER_IN_ONE_ROUND_TRIP
from tests.database import DatabaseUnderTest, runs_citus
from tests.scopes import placed_order

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
async def runtime(database: DatabaseUnderTest) -> AsyncIterator[asyncpg.Connection]:
    if await runs_citus(database):
        pytest.skip("on Citus the app reads an order in a transaction scoped by SET LOCAL")
    connection = await asyncpg.connect(database.urls.runtime)
    try:
        yield connection
    finally:
        await connection.close()


async def test_it_reads_the_given_tenants_order_only_and_leaves_no_tenant_behind(
    runtime: asyncpg.Connection, sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    ours, theirs = await placed_order(sessions, tenant_a), await placed_order(sessions, tenant_b)
    row = await runtime.fetchrow(ORDER_IN_ONE_ROUND_TRIP, tenant_a.id, ours.id)
    assert row is not None and (row[0], row[1]) == (ours.id, ours.version)
    document = json.loads(row[2])
    assert document["id"] == str(ours.id) and document["total_minor"] == 500
    assert await runtime.fetchrow(ORDER_IN_ONE_ROUND_TRIP, tenant_a.id, theirs.id) is None
    theirs_row = await runtime.fetchrow(ORDER_IN_ONE_ROUND_TRIP, tenant_b.id, theirs.id)
    assert theirs_row is not None and theirs_row[0] == theirs.id
    assert await runtime.fetchval("SELECT current_setting('app.tenant_id', true)") in (None, "")
    assert await runtime.fetchval("SELECT count(*) FROM orders") == 0  # no tenant: no rows


async def test_it_runs_as_its_caller_and_only_the_runtime_role_may_call_it(
    runtime: asyncpg.Connection,
) -> None:
    function = "tenant_order_document(uuid, uuid)"
    facts = await runtime.fetchrow(
        "SELECT prosecdef, has_function_privilege('public', $1, 'EXECUTE'),"
        " has_function_privilege(current_user, $1, 'EXECUTE')"
        " FROM pg_proc WHERE oid = $1::regprocedure",
        function,
    )
    assert facts is not None
    definer, public, runtime_role = facts
    assert definer is False  # SECURITY INVOKER: row-level security applies inside
    assert (public, runtime_role) == (False, True)


async def test_inside_a_transaction_it_keeps_to_that_transactions_tenant(
    runtime: asyncpg.Connection, sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    ours, theirs = await placed_order(sessions, tenant_a), await placed_order(sessions, tenant_b)
    async with runtime.transaction():
        await runtime.execute(set_local_statement(tenant_a.id))
        row = await runtime.fetchrow(ORDER_IN_ONE_ROUND_TRIP, tenant_a.id, ours.id)
        assert row is not None and row[0] == ours.id
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="another tenant"):
            await runtime.fetchrow(ORDER_IN_ONE_ROUND_TRIP, tenant_b.id, theirs.id)
