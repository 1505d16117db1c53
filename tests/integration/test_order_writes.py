"""The order repository's writes on a real database, with two tenants: an order and its
lines in one statement (numbered in the order given, whatever their number), and a
transition that is a compare-and-set on the status and the version it was loaded in, in the
transaction's tenant only."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.catalog.product import Product
from domain.customers.customer import Customer
from domain.identity.tenant import Tenant
from domain.ordering.order import Order, OrderLine
from domain.ordering.status import OrderStatus
from tests.scopes import in_tenant

Sessions = async_sessionmaker[AsyncSession]


async def _placed(sessions: Sessions, tenant: Tenant, prices: list[int]) -> Order:
    """A pending order of one product per price (quantities 1, 2, ...), as placed."""
    products = [
        Product.create(tenant.id, f"SKU-{n}", "Thing", "", "EUR", price, 10)
        for n, price in enumerate(prices)
    ]
    customer = Customer.create(tenant.id, "c@example.test", "Carla")
    lines = [OrderLine(p.id, n, p.unit_price_minor) for n, p in enumerate(products, start=1)]
    order = Order.place(tenant.id, customer.id, "EUR", lines)
    async with in_tenant(sessions, tenant) as db:
        for product in products:
            await db.products.add(product)
        await db.customers.add(customer)
        await db.orders.add(order)
        await db.commit()
    return order


async def _line_numbers(sessions: Sessions, tenant: Tenant, order: Order) -> list[int]:
    async with in_tenant(sessions, tenant) as db:
        rows = await db.session.scalars(
            text("SELECT line_no FROM order_lines WHERE order_id = :o ORDER BY line_no"),
            {"o": order.id},
        )
        return list(rows)


async def test_an_order_and_its_lines_are_stored_as_placed_and_seen_by_its_tenant_only(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    three = await _placed(sessions, tenant_a, [300, 100, 200])
    one = await _placed(sessions, tenant_b, [700])
    async with in_tenant(sessions, tenant_a) as db:
        stored = await db.orders.get(three.id)
        assert await db.orders.get(one.id) is None
    assert stored is not None and stored.lines == three.lines
    assert (stored.total_minor, stored.status, stored.version) == (1100, three.status, 1)
    assert await _line_numbers(sessions, tenant_a, three) == [1, 2, 3]
    assert await _line_numbers(sessions, tenant_b, one) == [1]
    async with in_tenant(sessions, tenant_b) as db:
        theirs = await db.orders.get(one.id)
    assert theirs is not None and theirs.lines == one.lines and theirs.total_minor == 700


async def test_a_transition_is_saved_only_from_the_state_it_was_loaded_in_and_its_tenant(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    order = await _placed(sessions, tenant_a, [500])
    await _placed(sessions, tenant_b, [500])
    status, version = order.status, order.version
    order.mark_paid("ch_1")
    stale = [(OrderStatus.PAID, version), (status, version + 1)]
    async with in_tenant(sessions, tenant_a) as db:
        assert [await db.orders.save(order, *before) for before in stale] == [False, False]
    async with in_tenant(sessions, tenant_b) as db:
        assert not await db.orders.save(order, status, version)  # another tenant's order
        await db.commit()
    async with in_tenant(sessions, tenant_a) as db:
        unchanged = await db.orders.get(order.id)
        assert await db.orders.save(order, status, version)
        await db.commit()
    async with in_tenant(sessions, tenant_a) as db:
        assert not await db.orders.save(order, status, version), "moved on already"
        paid = await db.orders.get(order.id)
    assert unchanged is not None and unchanged.status is status
    assert paid is not None and (paid.status, paid.version) == (order.status, order.version)
    assert paid.payment.reference == "ch_1"
