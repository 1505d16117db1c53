"""The index catalog check of the scale curve: every index of a tenant table should lead with
``tenant_id`` (the workers' few cross-tenant indexes are named in the report)."""

from __future__ import annotations

import asyncpg

INDEXES_NOT_LEADING_WITH_TENANT = """
SELECT t.relname AS table_name, i.relname AS index_name, a.attname AS first_column
FROM pg_index x
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
WHERE EXISTS (SELECT 1 FROM pg_attribute c
              WHERE c.attrelid = t.oid AND c.attname = 'tenant_id' AND NOT c.attisdropped)
  AND a.attname IS DISTINCT FROM 'tenant_id'
ORDER BY 1, 2
"""
"""Every index of a table with a ``tenant_id`` column whose first key is not ``tenant_id``
(an expression index shows ``first_column`` NULL)."""
TENANT_TABLE_INDEXES = """
SELECT count(*) FROM pg_index x
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
WHERE EXISTS (SELECT 1 FROM pg_attribute c
              WHERE c.attrelid = t.oid AND c.attname = 'tenant_id' AND NOT c.attisdropped)
"""


async def indexes_not_leading(connection: asyncpg.Connection) -> tuple[int, list[str]]:
    """How many indexes the tenant tables have, and those not led by ``tenant_id``."""
    total = int(await connection.fetchval(TENANT_TABLE_INDEXES))
    rows = await connection.fetch(INDEXES_NOT_LEADING_WITH_TENANT)
    return total, [f"{r['table_name']}.{r['index_name']} ({r['first_column']})" for r in rows]
