"""On a Citus cluster, the request path runs on one shard per tenant (issue 12).

The statements are not listed by hand: every operation of the router is called by two
tenants with valid bodies and every query value the tenant attack suite tries, after
seeding one resource of each kind and relaying the events; each distinct statement the
runtime role sent is then planned by Citus (``EXPLAIN``) and must run as at most one task.
"""

from __future__ import annotations

from uuid import UUID

import asyncpg
import pytest

from infrastructure.database.tenant_scope import TenantScopedConnection
from infrastructure.ordering.order_pages import order_page
from infrastructure.ordering.order_views import ORDER_BY_ID_SQL
from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up
from tests.api.tenant_attack_routes import app_of, operations, query_values, send
from tests.api.tenant_attack_seed import Seeded, seed_world
from tests.citus.statements import Statement, recorded_statements, task_counts
from tests.database import DatabaseUnderTest

pytestmark = pytest.mark.usefixtures("on_citus")


async def _every_operation(client: Client, tenant: Seeded) -> list[str]:
    """Every operation with the tenant's own ids (deletes last), every GET with each query
    value; what answered 5xx, or a GET that did not answer 200 (a statement it never
    reached would go unchecked)."""
    ops = sorted(operations(app_of(client)), key=lambda op: (op.method == "DELETE", str(op)))
    schema = app_of(client).openapi_schema.to_schema()
    wrong = []
    for op in ops:
        headers = {**tenant.account.headers, "If-Match": "*"}
        values = query_values(schema, op, tenant.ids, tenant.markers)
        tries: list[dict[str, str]] = [{}] + [{name: v} for name, vs in values.items() for v in vs]
        for params in tries if op.method == "GET" else [{}]:
            answer = await send(client, op, tenant.ids, headers, params=params)
            if answer.status_code >= 500 or (op.method == "GET" and answer.status_code != 200):
                wrong.append(f"{op} {params}: {answer.status_code} {answer.text}")
    return wrong


async def test_every_statement_the_api_sends_under_a_tenant_runs_on_one_shard(
    client: Client, database: DatabaseUnderTest
) -> None:
    with recorded_statements() as statements:
        acme, globex, _ = await seed_world(client, database)
        wrong = [answer for t in (acme, globex) for answer in await _every_operation(client, t)]
    assert wrong == []
    assert len(statements) > 40
    tenants = [acme.account.tenant_id, globex.account.tenant_id]
    # The hot reads go to asyncpg directly: recorded from the driver, not SQLAlchemy.
    assert ORDER_BY_ID_SQL in statements
    default_page = order_page((False, False, False, False, "created_at", True))
    assert default_page.sql in statements, "GET /orders, sent by the driver"
    connection = await asyncpg.connect(database.urls.runtime)
    try:
        every_shard = Statement("SELECT count(*) FROM orders", ())
        assert min(await task_counts(connection, every_shard, tenants)) > 1, "the check can fail"
        fanned_out = {}
        for sql, statement in statements.items():
            counts = await task_counts(connection, statement, tenants)
            if any(count > 1 for count in counts):
                fanned_out[sql] = counts
    finally:
        await connection.close()
    assert fanned_out == {}


async def test_each_worker_sees_the_transactions_tenant_and_warns_of_nothing(
    client: Client, database: DatabaseUnderTest
) -> None:
    """The tenant reaches the shard with the transaction's first message, also in a session
    older than the database's propagation setting: the setting as the worker evaluates it,
    and no warning relayed from a worker. The bare ``SET LOCAL`` that plain PostgreSQL gets
    reaches no worker from such a session (and from a new one, makes each worker warn of a
    transaction already in progress: ``docs/scale-out.md``)."""
    tenants = [(await sign_up(client, slug)).tenant_id for slug in ("acme", "globex")]
    app_form = await _scoped_reads(database, tenants, learn=True)
    bare_form = await _scoped_reads(database, tenants, learn=False)
    assert app_form == ([[tenant] for tenant in tenants], [])
    assert bare_form[0] == [[], []]


async def _scoped_reads(
    database: DatabaseUnderTest, tenants: list[str], learn: bool
) -> tuple[list[list[str]], list[str]]:
    """Each tenant's setting as its shard sees it, scoped as the app scopes a transaction
    (``learn``: the connection learns that it is on Citus, as the engine makes it), and
    every warning relayed meanwhile."""
    connection = await asyncpg.connect(
        database.urls.runtime, connection_class=TenantScopedConnection
    )
    relayed: list[str] = []
    connection.add_log_listener(lambda _, message: relayed.append(str(message)))
    seen = []
    try:
        # A session older than the database's propagation setting (migration 0020).
        await connection.execute("SET citus.propagate_set_commands = 'none'")
        if learn:
            await connection.learn_server(seconds=5)
        for tenant in tenants:
            connection.arm(UUID(tenant))
            async with connection.transaction():
                rows = await connection.fetch(_SETTING_ON_THE_SHARD, UUID(tenant))
            seen.append([row[0] for row in rows])
    finally:
        await connection.close()
    return seen, relayed


_SETTING_ON_THE_SHARD = (
    "SELECT current_setting('app.tenant_id', true) FROM users WHERE tenant_id = $1"
)
