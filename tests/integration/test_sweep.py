"""The sweep cancels stale unpaid orders tenant by tenant and gives their stock back."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from application.ordering.stock import StockReservations
from application.ordering.sweep import SweepStale
from domain.catalog.product import Product
from domain.customers.customer import Customer
from domain.ordering.order import Order, OrderLine, OrderStatus
from domain.shared.clock import utc_now
from domain.tenancy.tenant import Tenant
from infrastructure.database.unit_of_work import SqlaUnitOfWorkFactory
from infrastructure.tenancy.directory import SqlaTenantCatalog
from tests.conftest import uow_for
from tests.database import DatabaseUnderTest


async def _pending_order(
    sessions: async_sessionmaker[AsyncSession], tenant: Tenant, age: timedelta
) -> tuple[Product, Order]:
    product = Product.create(tenant.id, "PEN", "Pen", "", "EUR", 100, 10)
    customer = Customer.create(tenant.id, "c@example.test", "Carla")
    order = Order.place(tenant.id, customer.id, "EUR", [OrderLine(product.id, 4, 100)])
    order.created_at = utc_now() - age
    async with uow_for(sessions, tenant) as uow:
        await uow.products.add(product)
        await uow.customers.add(customer)
        assert await uow.products.reserve(product.id, 4)
        await uow.orders.add(order)
        await uow.commit()
    return product, order


async def test_sweep_expires_only_stale_pending_orders(
    database: DatabaseUnderTest,
    sessions: async_sessionmaker[AsyncSession],
    tenant_a: Tenant,
    tenant_b: Tenant,
) -> None:
    stale_product, stale = await _pending_order(sessions, tenant_a, timedelta(hours=2))
    fresh_product, fresh = await _pending_order(sessions, tenant_b, timedelta(minutes=1))
    sweep = SweepStale(
        SqlaTenantCatalog(database.owner), SqlaUnitOfWorkFactory(sessions), StockReservations()
    )
    report = await sweep(timedelta(minutes=30))
    assert (report.tenants, report.orders_expired) == (2, 1)
    async with uow_for(sessions, tenant_a) as uow:
        swept = await uow.orders.get(stale.id)
        product_a = await uow.products.get(stale_product.id)
    async with uow_for(sessions, tenant_b) as uow:
        kept = await uow.orders.get(fresh.id)
        product_b = await uow.products.get(fresh_product.id)
    assert swept is not None and swept.status is OrderStatus.CANCELLED
    assert kept is not None and kept.status is OrderStatus.PENDING_PAYMENT
    assert product_a is not None and product_a.stock_quantity == 10
    assert product_b is not None and product_b.stock_quantity == 6
