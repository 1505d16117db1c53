"""The sweep, tenant by tenant on the real database: it cancels stale unpaid orders and
finishes interrupted refunds, gives their stock back, and every transition's event leaves
through the unit of work."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from application.ordering.refunds import RefundSettlement
from application.ordering.stock import StockReservations
from application.ordering.sweep_stale_orders import SweepStaleOrders
from domain.catalog.product import Product
from domain.customers.customer import Customer
from domain.identity.tenant import Tenant
from domain.ordering.order import Order, OrderLine
from domain.ordering.ports import ChargeRequest
from domain.ordering.status import OrderStatus
from domain.shared.clock import utc_now
from infrastructure.database.tenant_roster import SqlaTenantRoster
from infrastructure.payments.orm import SandboxChargeRow
from infrastructure.payments.sandbox import SandboxPaymentGateway
from tests.database import DatabaseUnderTest
from tests.scopes import TenantScope, in_tenant, outbox_events

Sessions = async_sessionmaker[AsyncSession]


async def _stored_order(
    sessions: Sessions, tenant: Tenant, age: timedelta
) -> tuple[Order, Product]:
    """A pending order placed ``age`` ago, its 4 pens reserved out of 10."""
    product = Product.create(tenant.id, "PEN", "Pen", "", "EUR", 100, 10)
    customer = Customer.create(tenant.id, "c@example.test", "Carla")
    order = Order.place(tenant.id, customer.id, "EUR", [OrderLine(product.id, 4, 100)])
    order.created_at = order.updated_at = utc_now() - age
    async with in_tenant(sessions, tenant) as db:
        await db.products.add(product)
        await db.customers.add(customer)
        assert list(await db.stock.take({product.id: 4})) == [product.id]
        await db.orders.add(order)
        await db.commit()
    return order, product


async def _refund_pending(
    sessions: Sessions, tenant: Tenant, gateway: SandboxPaymentGateway, age: timedelta
) -> tuple[Order, Product]:
    """A paid order whose cancellation recorded ``refund_pending`` ``age`` ago and then
    stopped (a crash, or a gateway that fell silent) before the refund."""
    order, product = await _stored_order(sessions, tenant, age)
    before = (order.status, order.version)
    key = order.start_payment_attempt()
    charge = await gateway.charge(ChargeRequest(tenant.id, key, "tok_visa", 400, "EUR"))
    assert charge.reference is not None
    order.mark_paid(charge.reference)
    order.request_refund()
    order.updated_at = utc_now() - age
    async with in_tenant(sessions, tenant) as db:
        assert await db.orders.save(order, *before)
        await db.commit()
    return order, product


def _sweep(
    database: DatabaseUnderTest, scope: TenantScope, gateway: SandboxPaymentGateway
) -> SweepStaleOrders:
    stock = StockReservations(scope.stock)
    refunds = RefundSettlement(scope.uow, scope.orders, gateway, stock)
    roster = SqlaTenantRoster(database.owner)
    return SweepStaleOrders(roster, scope.uow, scope.orders, stock, refunds)


async def _published(sessions: Sessions, *tenants: Tenant) -> list[tuple[str, str]]:
    """The order events the tenants' outboxes hold, except those of placing the orders."""
    found = []
    for tenant in tenants:
        for name, payload in await outbox_events(sessions, tenant):
            if name.startswith("order.") and name != "order.placed":
                found.append((name, payload["order_id"]))
    return found


async def test_sweep_cancels_only_stale_unpaid_orders_and_delivers_their_events(
    database: DatabaseUnderTest, sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    stale, stale_product = await _stored_order(sessions, tenant_a, timedelta(hours=2))
    fresh, fresh_product = await _stored_order(sessions, tenant_b, timedelta(minutes=1))
    scope = in_tenant(sessions, None)  # an operator command: no caller tenant

    report = await _sweep(database, scope, SandboxPaymentGateway(sessions))(timedelta(minutes=30))

    assert (report.tenants, report.orders_expired) == (2, 1)
    assert await _published(sessions, tenant_a, tenant_b) == [("order.cancelled", str(stale.id))]
    async with in_tenant(sessions, tenant_a) as db:
        swept = await db.orders.get(stale.id)
        product_a = await db.products.get(stale_product.id)
    async with in_tenant(sessions, tenant_b) as db:
        kept = await db.orders.get(fresh.id)
        product_b = await db.products.get(fresh_product.id)
    assert swept is not None and swept.status is OrderStatus.CANCELLED
    assert kept is not None and kept.status is OrderStatus.PENDING_PAYMENT
    assert product_a is not None and product_a.stock_quantity == 10
    assert product_b is not None and product_b.stock_quantity == 6


async def test_sweep_finishes_an_interrupted_refund_exactly_once(
    database: DatabaseUnderTest, sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    gateway = SandboxPaymentGateway(sessions)
    stuck, product = await _refund_pending(sessions, tenant_b, gateway, timedelta(minutes=5))
    recent, _ = await _refund_pending(sessions, tenant_a, gateway, timedelta(seconds=0))
    scope = in_tenant(sessions, None)

    first = await _sweep(database, scope, gateway)(timedelta(minutes=30))
    second = await _sweep(database, scope, gateway)(timedelta(minutes=30))

    assert (first.refunds_completed, first.refunds_still_pending) == (1, 0)
    assert (second.refunds_completed, second.refunds_still_pending) == (0, 0)
    refunds = [
        e for e in await _published(sessions, tenant_a, tenant_b) if e[0] == "order.refunded"
    ]
    assert refunds == [("order.refunded", str(stuck.id))]
    async with in_tenant(sessions, tenant_b) as db:
        refunded = await db.orders.get(stuck.id)
        restored = await db.products.get(product.id)
        refund_key = await db.session.scalar(select(SandboxChargeRow.refund_key))
    async with in_tenant(sessions, tenant_a) as db:
        still = await db.orders.get(recent.id)
    assert refunded is not None and refunded.status is OrderStatus.REFUNDED
    assert restored is not None and restored.stock_quantity == 10
    assert refund_key == stuck.refund_key
    assert still is not None and still.status is OrderStatus.REFUND_PENDING, "within its grace"
