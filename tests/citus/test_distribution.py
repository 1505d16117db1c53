"""The distribution migration on a Citus cluster (issue 12): every tenant table distributed
on ``tenant_id`` and colocated, global tables as reference tables, row-level security on
every shard, and the migration reversible."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
import sqlalchemy as sa
from alembic import op
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from infrastructure.database import migrations
from infrastructure.database.bootstrap import bootstrap, drop_database
from infrastructure.database.urls import to_asyncpg_url
from infrastructure.persistence.registry import load_models
from infrastructure.persistence.rls import POLICY_NAME, create_tenant_table
from tests.citus.databases import prepare_database
from tests.database import DatabaseUnderTest, in_database, superuser_connection

pytestmark = pytest.mark.usefixtures("on_citus")

_TABLES = """
SELECT c.relname, p.partmethod::text, column_to_column_name(p.logicalrelid, p.partkey),
       p.colocationid, (SELECT count(*) FROM pg_dist_shard s WHERE s.logicalrelid = c.oid),
       EXISTS (SELECT 1 FROM pg_attribute a
               WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
FROM pg_class c LEFT JOIN pg_dist_partition p ON p.logicalrelid = c.oid
WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
  AND c.relname <> 'alembic_version'
"""
_SHARD_RLS = """
SELECT success, result FROM run_command_on_shards($1,
  $$SELECT c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policy p
    WHERE p.polrelid = c.oid AND p.polname = '$$ || $2 || $$') FROM pg_class c
    WHERE c.oid = '%s'::regclass$$)
"""


async def _tables(database: DatabaseUnderTest) -> list[asyncpg.Record]:
    connection = await superuser_connection(database)
    try:
        return await connection.fetch(_TABLES)
    finally:
        await connection.close()


async def test_every_tenant_table_is_distributed_on_tenant_id_and_colocated(
    database: DatabaseUnderTest,
) -> None:
    tables = await _tables(database)
    tenant = [t for t in tables if t[5]]
    assert len(tenant) >= 15
    assert {(t[1], t[2]) for t in tenant} == {("h", "tenant_id")}, tenant
    assert len({t[3] for t in tenant}) == 1, "one colocation group"
    assert len({t[4] for t in tenant}) == 1 and tenant[0][4] > 1, "the same shards each"
    global_tables = {t[0]: t[1] for t in tables if not t[5]}
    assert global_tables == {"tenants": "n", "tenant_deletions": "n", "rate_counters": "h"}


async def test_every_shard_forces_row_level_security_with_the_tenant_policy(
    database: DatabaseUnderTest,
) -> None:
    tenant_tables = [t[0] for t in await _tables(database) if t[5]]
    connection = await superuser_connection(database)
    try:
        for table in tenant_tables:
            shards = await connection.fetch(_SHARD_RLS, table, POLICY_NAME)
            assert shards and all(s["success"] and s["result"] == "t" for s in shards), table
    finally:
        await connection.close()


async def _worker_urls(database: DatabaseUnderTest) -> list[str]:
    connection = await superuser_connection(database)
    try:
        nodes = await connection.fetch(
            "SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0 ORDER BY nodeid"
        )
    finally:
        await connection.close()
    return [f"postgresql://postgres@{n['nodename']}:{n['nodeport']}/postgres" for n in nodes]


async def test_an_upgrade_distributes_a_database_migrated_before_citus_and_reverses(
    database: DatabaseUnderTest,
) -> None:
    """A database at head on plain PostgreSQL, then given Citus: the next upgrade to head
    distributes it; downgrading past 0020 undoes that, and every way back up redoes it."""
    scratch = "tenantry_citus_migrations"
    workers = await _worker_urls(database)
    assert len(workers) >= 2
    owner = in_database(database.urls.owner, scratch)
    try:
        await bootstrap(database.urls.superuser, scratch)
        await asyncio.to_thread(migrations.upgrade, owner)  # no extension yet: plain
        await prepare_database(database.urls.superuser, workers, scratch)
        assert await _distributed(database, scratch) == 0
        await asyncio.to_thread(migrations.upgrade, owner)
        assert await _distributed(database, scratch) >= 15
        await asyncio.to_thread(migrations.downgrade, owner, "0019")
        assert await _distributed(database, scratch) == 0
        await asyncio.to_thread(migrations.upgrade, owner, "0020")
        assert await _distributed(database, scratch) >= 15
        await asyncio.to_thread(migrations.downgrade, owner, "base")
        await asyncio.to_thread(migrations.upgrade, owner)
        assert await _distributed(database, scratch) >= 15
        assert await _foreign_keys(database, scratch) == _MODEL_FOREIGN_KEYS
        await _later_migration(owner)
        await asyncio.to_thread(migrations.upgrade, owner)
        assert await _colocated_with_users(database, scratch) >= {"gadgets", "widgets"}
        assert set(await _foreign_keys(database, scratch)) - set(_MODEL_FOREIGN_KEYS) == {
            "fk_gadgets_tenant_id_tenants",
            "fk_gadgets_tenant_id_order_id_orders",
            "fk_widgets_tenant_id_tenants",
        }
    finally:
        for url in [database.urls.superuser, *workers]:
            await drop_database(url, scratch)


_MODEL_FOREIGN_KEYS = sorted(
    str(key.name) for table in load_models().sorted_tables for key in table.foreign_key_constraints
)


async def _later_migration(owner_url: str) -> None:
    """What a migration after 0020 may do: create a tenant table with the helper (composite
    key to a distributed table included), and one by hand with a key to ``tenants`` (which
    Citus makes a local table; the next upgrade distributes it)."""

    def migrate(connection: Connection) -> None:
        with Operations.context(MigrationContext.configure(connection)):
            to_orders = sa.ForeignKeyConstraint(
                ["tenant_id", "order_id"],
                ["orders.tenant_id", "orders.id"],
                name="fk_gadgets_tenant_id_order_id_orders",
                ondelete="CASCADE",
            )
            create_tenant_table("gadgets", sa.Column("order_id", sa.UUID()), to_orders)
            op.create_table(
                "widgets",
                sa.Column("tenant_id", sa.UUID(), nullable=False),
                sa.Column("id", sa.UUID(), nullable=False),
                sa.PrimaryKeyConstraint("tenant_id", "id", name="pk_widgets"),
                sa.ForeignKeyConstraint(
                    ["tenant_id"], ["tenants.id"], name="fk_widgets_tenant_id_tenants"
                ),
            )

    engine = create_async_engine(to_asyncpg_url(owner_url), poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(migrate)
    finally:
        await engine.dispose()


async def _colocated_with_users(database: DatabaseUnderTest, name: str) -> set[str]:
    connection = await asyncpg.connect(in_database(database.urls.superuser, name))
    try:
        rows = await connection.fetch(
            "SELECT logicalrelid::text FROM pg_dist_partition WHERE partmethod = 'h'"
            " AND colocationid = (SELECT colocationid FROM pg_dist_partition"
            " WHERE logicalrelid = 'users'::regclass)"
            " AND column_to_column_name(logicalrelid, partkey) = 'tenant_id'"
        )
        return {row[0] for row in rows}
    finally:
        await connection.close()


async def _foreign_keys(database: DatabaseUnderTest, name: str) -> list[str]:
    connection = await asyncpg.connect(in_database(database.urls.superuser, name))
    try:
        rows = await connection.fetch(
            "SELECT conname FROM pg_constraint WHERE contype = 'f'"
            " AND connamespace = 'public'::regnamespace ORDER BY conname"
        )
        return [row[0] for row in rows]
    finally:
        await connection.close()


async def _distributed(database: DatabaseUnderTest, name: str) -> int:
    connection = await asyncpg.connect(in_database(database.urls.superuser, name))
    try:
        count: int = await connection.fetchval("SELECT count(*) FROM pg_dist_partition")
        return count
    finally:
        await connection.close()
