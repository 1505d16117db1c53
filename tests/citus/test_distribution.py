"""The schema as distributed on a Citus cluster (issue 12): every tenant table on
``tenant_id`` and colocated, the global tables as reference tables or on their own key,
row-level security on every shard. Over time: ``test_distribution_migration.py``."""

from __future__ import annotations

import asyncpg
import pytest

from infrastructure.persistence.rls import POLICY_NAME
from tests.database import DatabaseUnderTest, superuser_connection

pytestmark = pytest.mark.usefixtures("on_citus")

_TABLES = """
SELECT c.relname, p.partmethod::text, column_to_column_name(p.logicalrelid, p.partkey),
       p.colocationid, (SELECT count(*) FROM pg_dist_shard s WHERE s.logicalrelid = c.oid),
       EXISTS (SELECT 1 FROM pg_attribute a
               WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped),
       p.repmodel::text
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
    global_tables = {t[0]: (t[1], t[6], t[2]) for t in tables if not t[5]}
    assert global_tables == {
        "tenants": ("n", "t", None),  # reference tables (replicated), not Citus local ones
        "tenant_deletions": ("n", "t", None),
        "rate_counters": ("h", "s", "id"),  # on its own key, in a group of its own
    }
    assert [t[3] for t in tables if t[0] == "rate_counters"] != [tenant[0][3]]


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
