"""The PlaceOrder orchestrator with fake ports: each branch of the workflow."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from application.ordering.drafting import LineRequest, OrderDrafting, OrderRequest
from application.ordering.payments import PaymentSettlement
from application.ordering.place_order import PlaceOrder
from application.ordering.stock import StockReservations
from domain.catalog.product import Product
from domain.customers.customer import Customer
from domain.identity.principal import Principal
from domain.identity.user import Role
from domain.ordering.errors import OutOfStock, PaymentDeclined, PaymentPending
from domain.ordering.events import OrderPaid, OrderPlaced
from domain.ordering.order import OrderStatus
from domain.shared.errors import ValidationFailed
from tests.unit.fakes import FakeUnitOfWork, Store
from tests.unit.fakes_commerce import FakeGateway, RecordingDispatcher


class World:
    def __init__(self) -> None:
        self.tenant = uuid4()
        self.store = Store()
        self.gateway = FakeGateway()
        self.events = RecordingDispatcher()
        stock = StockReservations()
        self.place = PlaceOrder(
            FakeUnitOfWork(self.store, self.tenant),
            OrderDrafting(),
            stock,
            PaymentSettlement(self.gateway, stock, self.events),
            self.events,
        )
        self.actor = Principal(uuid4(), self.tenant, Role.MEMBER, uuid4(), "jti", datetime.now(UTC))
        self.product = Product.create(self.tenant, "PEN", "Pen", "", "EUR", 250, 5)
        self.customer = Customer.create(self.tenant, "c@example.test", "Carla")
        self.store.commerce.products[self.product.id] = self.product
        self.store.commerce.customers[self.customer.id] = self.customer

    def request(self, quantity: int, token: str = "tok_visa") -> OrderRequest:
        return OrderRequest(self.customer.id, (LineRequest(self.product.id, quantity),), token)


async def test_paid_path_reserves_charges_once_and_dispatches_events() -> None:
    world = World()
    order_id = await world.place(world.actor, world.request(2))
    order = world.store.commerce.orders[order_id]
    assert order.status is OrderStatus.PAID and order.total_minor == 500
    assert world.product.stock_quantity == 3
    assert [c.idempotency_key for c in world.gateway.charges] == [f"{order_id}:1"]
    assert [type(e) for e in world.events.events] == [OrderPlaced, OrderPaid]


async def test_decline_releases_stock_and_keeps_the_order() -> None:
    world = World()
    with pytest.raises(PaymentDeclined) as declined:
        await world.place(world.actor, world.request(2, "tok_declined"))
    order = world.store.commerce.orders[declined.value.order_id]
    assert order.status is OrderStatus.PAYMENT_FAILED
    assert world.product.stock_quantity == 5


async def test_gateway_down_keeps_order_pending_with_stock_reserved() -> None:
    world = World()
    with pytest.raises(PaymentPending) as pending:
        await world.place(world.actor, world.request(2, "tok_down"))
    order = world.store.commerce.orders[pending.value.order_id]
    assert order.status is OrderStatus.PENDING_PAYMENT and order.payment.attempts == 1
    assert world.product.stock_quantity == 3


async def test_shortage_and_bad_lines_write_nothing_and_charge_nothing() -> None:
    world = World()
    with pytest.raises(OutOfStock):
        await world.place(world.actor, world.request(6))
    with pytest.raises(ValidationFailed):
        await world.place(
            world.actor, OrderRequest(uuid4(), (LineRequest(world.product.id, 1),), "tok_visa")
        )
    assert world.store.commerce.orders == {} and world.gateway.charges == []
    assert world.product.stock_quantity == 5
