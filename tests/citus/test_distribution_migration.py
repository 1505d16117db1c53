"""The distribution on a Citus cluster over time (issue 12): a database migrated before
Citus was installed, distributed by ``tenantry migrate`` with every row kept, undone by
the downgrade of 0020 with every row kept, and a tenant table added by a later migration."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from uuid import uuid4

import asyncpg
import pytest
import sqlalchemy as sa
from alembic import op
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Connection

from infrastructure.database import migrations
from infrastructure.database.bootstrap import bootstrap, drop_database
from infrastructure.persistence.registry import load_models
from infrastructure.persistence.rls import create_tenant_table
from tests.citus.databases import prepare_database
from tests.database import DatabaseUnderTest, in_database, superuser_connection

pytestmark = pytest.mark.usefixtures("on_citus")

SCRATCH = "tenantry_citus_migrations"
_MODEL_FOREIGN_KEYS = sorted(
    str(key.name) for table in load_models().sorted_tables for key in table.foreign_key_constraints
)
_FOREIGN_KEYS = (
    "SELECT conname FROM pg_constraint WHERE contype = 'f'"
    " AND connamespace = 'public'::regnamespace ORDER BY conname"
)
_ROWS = "SELECT (SELECT count(*) FROM tenants), (SELECT count(*) FROM users),"
_ROWS += " (SELECT count(*) FROM customers)"


class Scratch:
    """A database of the test's own on the cluster; Citus in it only after ``add_citus``."""

    def __init__(self, database: DatabaseUnderTest, workers: list[str]) -> None:
        self.database, self.workers = database, workers
        self.owner = in_database(database.urls.owner, SCRATCH)

    async def add_citus(self) -> None:
        await prepare_database(self.database.urls.superuser, self.workers, SCRATCH)

    async def fetch(self, query: str) -> list[asyncpg.Record]:
        """``query``'s rows, as the superuser (no row-level security)."""
        connection = await asyncpg.connect(in_database(self.database.urls.superuser, SCRATCH))
        try:
            return await connection.fetch(query)
        finally:
            await connection.close()

    async def execute(self, script: str) -> None:
        connection = await asyncpg.connect(in_database(self.database.urls.superuser, SCRATCH))
        try:
            await connection.execute(script)
        finally:
            await connection.close()

    async def distributed(self) -> int:
        return len(await self.fetch("SELECT 1 FROM pg_dist_partition WHERE partmethod = 'h'"))

    async def rows(self) -> tuple[int, ...]:
        return tuple((await self.fetch(_ROWS))[0])


@pytest.fixture
async def scratch(database: DatabaseUnderTest) -> AsyncIterator[Scratch]:
    connection = await superuser_connection(database)
    try:
        nodes = await connection.fetch(
            "SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0 ORDER BY nodeid"
        )
    finally:
        await connection.close()
    workers = [f"postgresql://postgres@{n['nodename']}:{n['nodeport']}/postgres" for n in nodes]
    assert len(workers) >= 2
    await bootstrap(database.urls.superuser, SCRATCH)
    try:
        yield Scratch(database, workers)
    finally:
        for url in [database.urls.superuser, *workers]:
            await drop_database(url, SCRATCH)


async def _seed_two_tenants(scratch: Scratch) -> None:
    for slug in ("acme", "globex"):
        tenant, user, customer = uuid4(), uuid4(), uuid4()
        await scratch.execute(f"""
INSERT INTO tenants (id, name, slug, status) VALUES ('{tenant}', '{slug}', '{slug}', 'active');
INSERT INTO users (tenant_id, id, email, password_hash, role, version)
VALUES ('{tenant}', '{user}', 'owner@{slug}.test', 'x', 'owner', 1);
INSERT INTO customers (tenant_id, id, email, name, version)
VALUES ('{tenant}', '{customer}', 'c@{slug}.test', 'C', 1)""")


async def test_migrate_distributes_a_database_older_than_citus_and_the_downgrade_undoes_it(
    scratch: Scratch,
) -> None:
    """Every row is kept both ways: Citus copies a table back with ``INSERT ... SELECT`` as
    the owner, which forced row-level security would leave empty."""
    await asyncio.to_thread(migrations.upgrade, scratch.owner)  # plain PostgreSQL
    await _seed_two_tenants(scratch)
    await scratch.add_citus()
    assert await scratch.distributed() == 0
    distributed = await asyncio.to_thread(migrations.distribute, scratch.owner)
    assert "orders" in distributed and await scratch.distributed() >= 16
    assert await scratch.rows() == (2, 2, 2)
    await asyncio.to_thread(migrations.downgrade, scratch.owner, "0019")
    assert await scratch.distributed() == 0 and await scratch.rows() == (2, 2, 2)
    await asyncio.to_thread(migrations.upgrade, scratch.owner)  # 0020 again
    assert await scratch.distributed() >= 16 and await scratch.rows() == (2, 2, 2)
    assert [key[0] for key in await scratch.fetch(_FOREIGN_KEYS)] == _MODEL_FOREIGN_KEYS


async def test_a_tenant_table_added_after_the_distribution_is_distributed_too(
    scratch: Scratch,
) -> None:
    await scratch.add_citus()
    await asyncio.to_thread(migrations.upgrade, scratch.owner)  # 0020 distributes
    await asyncio.to_thread(migrations.in_owner_transaction, scratch.owner, _later_migration)
    await asyncio.to_thread(migrations.distribute, scratch.owner)
    colocated = await scratch.fetch(
        "SELECT logicalrelid::text FROM pg_dist_partition WHERE partmethod = 'h'"
        " AND colocationid = (SELECT colocationid FROM pg_dist_partition"
        " WHERE logicalrelid = 'users'::regclass)"
        " AND column_to_column_name(logicalrelid, partkey) = 'tenant_id'"
    )
    assert {row[0] for row in colocated} >= {"gadgets", "widgets", "orders"}
    keys = await scratch.fetch(_FOREIGN_KEYS)
    assert {key[0] for key in keys} - set(_MODEL_FOREIGN_KEYS) == {
        "fk_gadgets_tenant_id_tenants",
        "fk_gadgets_tenant_id_order_id_orders",
        "fk_widgets_tenant_id_tenants",
    }


def _later_migration(connection: Connection) -> None:
    """What a migration after 0020 may do: create a tenant table with the helper (a
    composite key to a distributed table included), and one by hand whose only key is to
    ``tenants`` (Citus makes it a local table; ``tenantry migrate`` distributes it)."""
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
