"""Seed a tenant with a customer, products and orders, as the owner role, then verify.

Every table has FORCE row-level security, so each transaction first sets ``app.tenant_id``.
COPY FROM is refused on tables with row-level security, so rows go in as multi-row
``INSERT ... VALUES`` statements (``_insert``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
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

PRODUCTS = 1_000
"""Per tenant: orders spread over many products, as real traffic does (``--products``)."""
PRICES_MINOR = (1299, 2499, 499, 9999, 149)
"""Product n costs ``PRICES_MINOR[n % 5]``."""
STOCK = 1_000_000_000
"""Large enough that the order-creation benchmark never runs out."""
SPREAD = timedelta(days=30)
# status -> (payment_status, has payment reference, failure code, payment attempts, version)
STATUSES: dict[str, tuple[str, bool, str | None, int, int]] = {
    "paid": ("succeeded", True, None, 1, 2),
    "fulfilled": ("succeeded", True, None, 1, 3),
    "pending_payment": ("pending", False, None, 0, 1),
    "payment_failed": ("failed", True, "card_declined", 1, 2),
    "cancelled": ("pending", False, None, 0, 2),
    "refunded": ("refunded", True, None, 1, 3),
}
STATUS_WEIGHTS = (55, 25, 8, 5, 4, 3)
ORDERS_PER_TRANSACTION = 20_000
"""Orders (and their lines) generated and inserted per transaction: memory stays bounded."""
Row = tuple[object, ...]


class SeedMismatch(RuntimeError):
    """The rows in the database are not the rows that were seeded."""


@dataclass(slots=True)
class SeededTenant:
    tenant_id: UUID
    customer_id: UUID
    product_ids: list[UUID]
    order_ids: list[UUID] = field(default_factory=list)
    lines: int = 0


def _id_at(moment: datetime) -> UUID:
    return uuid7(nanoseconds=int(moment.timestamp() * 1_000_000_000))


def _price(n: int) -> int:
    return PRICES_MINOR[n % len(PRICES_MINOR)]


def _product(n: int, product_id: UUID) -> Row:
    name, description = f"Bench product {n}", "Seeded by bench/seed.py"
    return (product_id, f"BENCH-{n:05d}", name, description, "EUR", _price(n), STOCK, True, 1)


def _order_rows(
    tenant: SeededTenant, count: int, rng: random.Random
) -> tuple[list[Row], list[Row]]:
    """``count`` orders of 1-3 lines, created at random moments over the last 30 days."""
    now = datetime.now(UTC)
    moments = sorted(now - SPREAD * rng.random() for _ in range(count))
    statuses = rng.choices(list(STATUSES), weights=STATUS_WEIGHTS, k=count)
    orders: list[Row] = []
    lines: list[Row] = []
    for created, status in zip(moments, statuses, strict=True):
        order_id = _id_at(created)
        updated = created + timedelta(seconds=rng.uniform(1, 600))
        picks = rng.sample(range(len(tenant.product_ids)), rng.randint(1, 3))
        total = 0
        for line_no, pick in enumerate(picks, start=1):
            quantity, price = rng.randint(1, 5), _price(pick)
            total += quantity * price
            line = (_id_at(created), order_id, line_no, tenant.product_ids[pick], quantity, price)
            lines.append((*line, quantity * price, created, created))
        pay_status, has_ref, failure, attempts, version = STATUSES[status]
        reference = f"ch_{rng.getrandbits(96):024x}" if has_ref else None
        head = (order_id, tenant.customer_id, status, "EUR", total, pay_status, reference)
        orders.append((*head, failure, attempts, version, created, updated))
        tenant.order_ids.append(order_id)
    tenant.lines += len(lines)
    return orders, lines


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
        order_rows, line_rows = _order_rows(tenant, min(batch, count - start), rng)
        async with connection.transaction():
            await scope(connection, tenant.tenant_id)
            await _insert(connection, "orders", tenant.tenant_id, ORDER_COLUMNS, order_rows)
            await _insert(connection, "order_lines", tenant.tenant_id, LINE_COLUMNS, line_rows)


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
           WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id)) AS wrong_totals
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
    }
    found = {key: int(row[key]) for key in expected}
    if found != expected:
        raise SeedMismatch(f"tenant {tenant.tenant_id}: expected {expected}, found {found}")
