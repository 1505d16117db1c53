"""Revision 0023 gives every existing order its document: what the app would have written for
it (``document_of_view`` of its view, lines in their order, instants in UTC), byte for byte,
in every tenant and over more than one of its batches; the column is then required, and the
revision downgrades and upgrades again."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

import asyncpg

from domain.ordering.views import OrderLineView, OrderView, PaymentView
from domain.shared.ids import new_id
from infrastructure.database import migrations
from infrastructure.database.bootstrap import bootstrap, drop_database
from infrastructure.ordering.documents import document_of_view, view_of_document
from tests.database import DatabaseUnderTest, in_database

SCRATCH = "tenantry_documents_migration"
ORDERED = datetime(2026, 11, 30, 12, 0, 0, tzinfo=UTC)  # no fraction of a second
MANY = 1_050
"""Orders of the second tenant: more than one batch of the backfill (1,000)."""
ORDER_SQL = """
INSERT INTO orders (tenant_id, id, customer_id, status, currency, total_minor, payment_status,
                    payment_reference, payment_failure_code, payment_attempts, version,
                    created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12)
"""
LINE_SQL = """
INSERT INTO order_lines (tenant_id, id, order_id, line_no, product_id, quantity,
                         unit_price_minor, line_total_minor, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
"""


@dataclass(frozen=True, slots=True)
class Shop:
    tenant_id: UUID
    customer_id: UUID
    products: list[UUID]


def _view(
    shop: Shop, state: tuple[str, PaymentView, int], lines: list[tuple[int, int, int]], n: int
) -> OrderView:
    """An order of ``shop``: lines of (product index, quantity, unit price)."""
    status, payment, version = state
    views = [OrderLineView(shop.products[p], q, u, q * u) for p, q, u in lines]
    created = ORDERED + timedelta(minutes=n)
    updated = created + timedelta(seconds=1, microseconds=n * 7 + 1)
    total = sum(line.line_total_minor for line in views)
    return OrderView(
        new_id(), status, shop.customer_id, "EUR", total, views, payment, version, created,
        updated,
    )  # fmt: skip


def _acme_orders(shop: Shop) -> list[OrderView]:
    paid = ("paid", PaymentView("succeeded", "ch_1", None), 2)
    failed = ("payment_failed", PaymentView("failed", None, "card_declined"), 2)
    pending = ("pending_payment", PaymentView("pending", None, None), 1)
    return [
        _view(shop, paid, [(2, 1, 250), (0, 2, 100), (1, 3, 5)], 0),
        _view(shop, failed, [(1, 4, 99)], 1),
        _view(shop, pending, [(0, 1, 250), (1, 1, 99)], 2),
    ]


def _globex_orders(shop: Shop) -> Iterator[OrderView]:
    for n in range(MANY):
        payment = PaymentView("succeeded", f"ch_{n}", None)
        yield _view(shop, ("fulfilled", payment, 3), [(n % 3, 1, 10), ((n + 1) % 3, 2, 20)], n)


async def test_every_order_gets_the_document_the_app_would_have_written(
    database: DatabaseUnderTest,
) -> None:
    await bootstrap(database.urls.superuser, SCRATCH)
    owner = in_database(database.urls.owner, SCRATCH)
    try:
        await asyncio.to_thread(migrations.upgrade, owner, "0022")
        seeded = await _seed(owner)
        await asyncio.to_thread(migrations.upgrade, owner)
        await _assert_documents(owner, seeded)
        assert await _nullable(owner) == "NO"

        await asyncio.to_thread(migrations.downgrade, owner, "0022")
        assert await _nullable(owner) is None
        await asyncio.to_thread(migrations.upgrade, owner)
        await _assert_documents(owner, seeded)
    finally:
        await drop_database(database.urls.superuser, SCRATCH)


async def _assert_documents(owner: str, seeded: dict[UUID, list[OrderView]]) -> None:
    for tenant_id, views in seeded.items():
        stored = await _documents(owner, tenant_id)
        assert set(stored) == {view.id for view in views}
        for view in views:
            assert stored[view.id] == document_of_view(view), view.status
            assert view_of_document(stored[view.id]) == view


async def _seed(owner: str) -> dict[UUID, list[OrderView]]:
    connection = await asyncpg.connect(owner)
    try:
        seeded = {}
        for slug in ("acme", "globex"):
            async with connection.transaction():
                shop = await _shop(connection, slug)
                views = _acme_orders(shop) if slug == "acme" else list(_globex_orders(shop))
                await _insert(connection, shop.tenant_id, views)
            seeded[shop.tenant_id] = views
        return seeded
    finally:
        await connection.close()


async def _shop(connection: asyncpg.Connection, slug: str) -> Shop:
    shop = Shop(new_id(), new_id(), [new_id() for _ in range(3)])
    await connection.execute(f"SET LOCAL app.tenant_id = '{shop.tenant_id}'")
    await connection.execute(
        "INSERT INTO tenants (id, name, slug, status) VALUES ($1, $2, $2, 'active')",
        shop.tenant_id,
        slug,
    )
    await connection.execute(
        "INSERT INTO customers (tenant_id, id, email, name, version) VALUES ($1, $2, $3, 'C', 1)",
        shop.tenant_id,
        shop.customer_id,
        f"c@{slug}.test",
    )
    await connection.executemany(
        "INSERT INTO products (tenant_id, id, sku, name, description, currency,"
        " unit_price_minor, stock_quantity, active, version)"
        " VALUES ($1, $2, $3, $3, '', 'EUR', 100, 10, true, 1)",
        [(shop.tenant_id, product, f"SKU-{n}") for n, product in enumerate(shop.products)],
    )
    return shop


async def _insert(connection: asyncpg.Connection, tenant_id: UUID, views: list[OrderView]) -> None:
    """The orders, then their lines last first (stored out of their order)."""
    await connection.executemany(
        ORDER_SQL,
        [
            (tenant_id, v.id, v.customer_id, v.status, v.currency, v.total_minor, v.payment.status,
             v.payment.reference, v.payment.failure_code, v.version, v.created_at, v.updated_at)
            for v in views
        ],  # fmt: skip
    )
    await connection.executemany(
        LINE_SQL,
        [
            (tenant_id, new_id(), v.id, n, line.product_id, line.quantity, line.unit_price_minor,
             line.line_total_minor, v.created_at)
            for v in views
            for n, line in reversed(list(enumerate(v.lines, start=1)))
        ],  # fmt: skip
    )


async def _documents(owner: str, tenant_id: UUID) -> dict[UUID, str]:
    connection = await asyncpg.connect(owner)
    try:
        async with connection.transaction():
            await connection.execute(f"SET LOCAL app.tenant_id = '{tenant_id}'")
            rows = await connection.fetch("SELECT id, view::text FROM orders")
    finally:
        await connection.close()
    return {row[0]: row[1] for row in rows}


async def _nullable(owner: str) -> str | None:
    """Whether ``orders.view`` may be null (``YES``/``NO``), None without the column."""
    connection = await asyncpg.connect(owner)
    try:
        nullable: str | None = await connection.fetchval(
            "SELECT is_nullable FROM information_schema.columns"
            " WHERE table_name = 'orders' AND column_name = 'view'"
        )
    finally:
        await connection.close()
    return nullable
