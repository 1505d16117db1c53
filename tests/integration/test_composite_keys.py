"""Below every application check, composite foreign keys refuse to attach another tenant's
row: an order of tenant A can name neither B's customer nor B's product."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.catalog.product import Product
from domain.customers.customer import Customer
from domain.identity.tenant import Tenant
from domain.ordering.order import Order, OrderLine
from domain.shared.errors import Unprocessable
from tests.scopes import in_tenant


async def _catalog(
    sessions: async_sessionmaker[AsyncSession], tenant: Tenant
) -> tuple[Customer, Product]:
    customer = Customer.create(tenant.id, "c@example.test", "Carla")
    product = Product.create(tenant.id, "PEN", "Pen", "", "EUR", 100, 5)
    async with in_tenant(sessions, tenant) as db:
        await db.customers.add(customer)
        await db.products.add(product)
        await db.commit()
    return customer, product


async def test_an_order_cannot_reference_another_tenants_customer_or_product(
    sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant, tenant_b: Tenant
) -> None:
    own_customer, own_product = await _catalog(sessions, tenant_a)
    their_customer, their_product = await _catalog(sessions, tenant_b)
    attempts = [
        (
            Order.place(tenant_a.id, their_customer.id, "EUR", [OrderLine(own_product.id, 1, 100)]),
            "The customer does not exist.",
        ),
        (
            Order.place(tenant_a.id, own_customer.id, "EUR", [OrderLine(their_product.id, 1, 100)]),
            "A product of the order does not exist.",
        ),
    ]
    for order, detail in attempts:
        with pytest.raises(Unprocessable, match=re.escape(detail)):
            async with in_tenant(sessions, tenant_a) as db:
                await db.orders.add(order)
                await db.commit()
    async with in_tenant(sessions, tenant_b) as db:
        assert await db.products.get(their_product.id) == their_product
