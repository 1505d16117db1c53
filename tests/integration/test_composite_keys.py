"""Below every application check, composite foreign keys refuse to attach another tenant's
row: an order of tenant A can name neither B's customer nor B's product."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.catalog.product import Product
from domain.customers.customer import Customer
from domain.ordering.order import Order, OrderLine
from domain.shared.errors import Conflict
from domain.tenancy.tenant import Tenant
from tests.conftest import uow_for


async def _catalog(
    sessions: async_sessionmaker[AsyncSession], tenant: Tenant
) -> tuple[Customer, Product]:
    customer = Customer.create(tenant.id, "c@example.test", "Carla")
    product = Product.create(tenant.id, "PEN", "Pen", "", "EUR", 100, 5)
    async with uow_for(sessions, tenant) as uow:
        await uow.customers.add(customer)
        await uow.products.add(product)
        await uow.commit()
    return customer, product


async def test_an_order_cannot_reference_another_tenants_customer_or_product(
    sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant, tenant_b: Tenant
) -> None:
    own_customer, own_product = await _catalog(sessions, tenant_a)
    their_customer, their_product = await _catalog(sessions, tenant_b)
    attempts = [
        Order.place(tenant_a.id, their_customer.id, "EUR", [OrderLine(own_product.id, 1, 100)]),
        Order.place(tenant_a.id, own_customer.id, "EUR", [OrderLine(their_product.id, 1, 100)]),
    ]
    for order in attempts:
        with pytest.raises(Conflict, match="fk_orders|fk_order_lines"):
            async with uow_for(sessions, tenant_a) as uow:
                await uow.orders.add(order)
                await uow.commit()
    async with uow_for(sessions, tenant_b) as uow:
        assert await uow.products.get(their_product.id) == their_product
