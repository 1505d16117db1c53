"""Seed a tenant with a customer, products and orders, as the owner role, then verify.

Every table has FORCE row-level security, so each transaction first sets ``app.tenant_id``.
COPY FROM is refused on tables with row-level security, so rows go in as multi-row
``INSERT ... VALUES`` statements (``_insert``). The orders are made by ``seed_orders``, each
with its document.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from uuid import UUID

import asyncpg
from uuid_utils.compat import uuid7

from bench.seed_columns import (
    CUSTOMER_COLUMNS,
    LINE_COLUMNS,
    ORDER_COLUMNS,
    PRODUCT_COLUMNS,
    Columns,
)
from bench.seed_orders import Row, orders_of, price

PRODUCTS = 1_000
"""Per tenant: orders spread over many products, as real traffic does (``--products``)."""
STOCK = 1_000_000_000
"""Large enough that the order-creation benchmark never runs out."""
ORDERS_PER_TRANSACTION = 20_000
"""Orders (and their lines) generated and inserted per transaction: memory stays bounded."""


class SeedMismatch(RuntimeError):
    """The rows in the database are not the rows that were seeded."""


@dataclass(slots=True)
class SeededTenant:
    tenant_id: UUID
    customer_id: UUID
    product_ids: list[UUID]
    order_ids: list[UUID] = field(default_factory=list)
    lines: int = 0


def _product(n: int, product_id: UUID) -> Row:
    name, description = f"Bench product {n}", "Seeded by bench/seed.py"
    return (product_id, f"BENCH-{n:05d}", name, description, "EUR", price(n), STOCK, True, 1)


async def _insert(
    connection: asyncpg.Connection, table: str, tenant_id: UUID, columns: Columns, rows: list[Row]
) -> None:
    """Multi-row ``INSERT ... VALUES`` in chunks under asyncpg's 32,767 arguments (on Citus an
    ``INSERT ... SELECT FROM unnest()`` runs as a ``COPY``, which row-level security
    refuses)."""
    names = ", ".join(name for name, _ in columns)
    per_chunk = 30_000 // len(columns)
    for start in range(0, len(rows), per_chunk):
        chunk = rows[start : start + per_chunk]
        values = ", ".join(
            "($1::uuid, "
            + ", ".join(
                f"${2 + n * len(columns) + i}::{pg_type}" for i, (_, pg_type) in enumerate(columns)
            )
            + ")"
            for n in range(len(chunk))
        )
        flat = [value for row in chunk for value in row]
        await connection.execute(
            f"INSERT INTO {table} (tenant_id, {names}) VALUES {values}", tenant_id, *flat
        )


async def scope(connection: asyncpg.Connection, tenant_id: UUID) -> None:
    """Scope the open transaction to ``tenant_id`` (FORCE RLS binds the owner too)."""
    await connection.execute(f"SET LOCAL app.tenant_id = '{UUID(str(tenant_id))}'")


async def seed_catalog(
    connection: asyncpg.Connection, tenant_id: UUID, slug: str, products_count: int
) -> SeededTenant:
    """Insert 1 customer and ``products_count`` products for ``tenant_id``; no orders yet."""
    tenant = SeededTenant(tenant_id, uuid7(), [uuid7() for _ in range(products_count)])
    customer: Row = (tenant.customer_id, f"customer@{slug}.bench.test", "Bench Customer", 1)
    products = [_product(n, product_id) for n, product_id in enumerate(tenant.product_ids)]
    async with connection.transaction():
        await scope(connection, tenant_id)
        await _insert(connection, "customers", tenant_id, CUSTOMER_COLUMNS, [customer])
        await _insert(connection, "products", tenant_id, PRODUCT_COLUMNS, products)
    return tenant


async def add_orders(
    connection: asyncpg.Connection,
    tenant: SeededTenant,
    count: int,
    rng: random.Random,
    batch: int = ORDERS_PER_TRANSACTION,
) -> None:
    """Add ``count`` orders (1-3 lines each) to ``tenant``, ``batch`` orders a transaction
    (``bench/scale.py`` grows tenants by hundreds of thousands)."""
    for start in range(0, count, batch):
        made = orders_of(tenant.customer_id, tenant.product_ids, min(batch, count - start), rng)
        async with connection.transaction():
            await scope(connection, tenant.tenant_id)
            await _insert(connection, "orders", tenant.tenant_id, ORDER_COLUMNS, made.orders)
            await _insert(connection, "order_lines", tenant.tenant_id, LINE_COLUMNS, made.lines)
        tenant.order_ids += made.ids
        tenant.lines += len(made.lines)


async def seed_tenant(
    connection: asyncpg.Connection,
    tenant_id: UUID,
    slug: str,
    counts: tuple[int, int],
    rng: random.Random,
) -> SeededTenant:
    """Insert 1 customer, ``counts`` = (products, orders) for ``tenant_id``."""
    products_count, orders = counts
    tenant = await seed_catalog(connection, tenant_id, slug, products_count)
    await add_orders(connection, tenant, orders, rng)
    return tenant


_VERIFY_SQL = """
SELECT (SELECT count(*) FROM customers) AS customers,
       (SELECT count(*) FROM products) AS products,
       (SELECT count(*) FROM orders) AS orders,
       (SELECT count(*) FROM order_lines) AS lines,
       (SELECT count(*) FROM orders o WHERE o.total_minor <> (
           SELECT sum(l.line_total_minor) FROM order_lines l
           WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id)) AS wrong_totals,
       (SELECT count(*) FROM orders o WHERE (o.view ->> 'id')::uuid <> o.id
           OR (o.view ->> 'total_minor')::bigint <> o.total_minor) AS wrong_documents
"""


async def verify_tenant(connection: asyncpg.Connection, tenant: SeededTenant) -> None:
    """Raise ``SeedMismatch`` unless the tenant sees exactly the seeded rows."""
    async with connection.transaction():
        await scope(connection, tenant.tenant_id)
        row = await connection.fetchrow(_VERIFY_SQL)
    assert row is not None
    expected = {
        "customers": 1,
        "products": len(tenant.product_ids),
        "orders": len(tenant.order_ids),
        "lines": tenant.lines,
        "wrong_totals": 0,
        "wrong_documents": 0,
    }
    found = {key: int(row[key]) for key in expected}
    if found != expected:
        raise SeedMismatch(f"tenant {tenant.tenant_id}: expected {expected}, found {found}")
