"""The PlaceOrder orchestrator on the fake database: each branch of the workflow, what it
commits, and the events that leave after each commit."""

from __future__ import annotations

from uuid import uuid4

import pytest

from application.ordering.drafting import LineRequest
from application.ordering.place_order import OrderRequest
from domain.ordering.errors import OutOfStock, PaymentDeclined, PaymentPending
from domain.ordering.events import OrderPaid, OrderPaymentFailed, OrderPlaced
from domain.ordering.status import OrderStatus
from domain.shared.errors import Unprocessable, ValidationFailed
from tests.unit.ordering_world import Shop


async def test_paid_path_reserves_charges_once_commits_twice_and_delivers_events() -> None:
    shop = Shop()
    world = shop.world()
    order_id = (await world.place(shop.admin, shop.request(2))).id
    order = shop.order(order_id)
    assert order.status is OrderStatus.PAID and order.total_minor == 500
    assert shop.stock() == 3
    assert [c.idempotency_key for c in shop.gateway.charges] == [f"{order_id}:1"]
    assert shop.database.commits == 2
    assert world.events == [OrderPlaced, OrderPaid]
    assert list(shop.database.rows("recovery_points")) == [order_id], "bound with the order"


async def test_decline_releases_stock_and_keeps_the_order() -> None:
    shop = Shop()
    world = shop.world()
    with pytest.raises(PaymentDeclined) as declined:
        await world.place(shop.admin, shop.request(2, "tok_declined"))
    order = shop.order(declined.value.order_id)
    assert order.status is OrderStatus.PAYMENT_FAILED
    assert shop.stock() == 5
    assert world.events == [OrderPlaced, OrderPaymentFailed]


async def test_gateway_down_keeps_order_pending_with_stock_reserved() -> None:
    shop = Shop()
    world = shop.world()
    with pytest.raises(PaymentPending) as pending:
        await world.place(shop.admin, shop.request(2, "tok_down"))
    order = shop.order(pending.value.order_id)
    assert order.status is OrderStatus.PENDING_PAYMENT and order.payment.attempts == 1
    assert shop.stock() == 3
    assert world.events == [OrderPlaced]


async def test_shortage_and_bad_lines_write_nothing_charge_nothing_deliver_nothing() -> None:
    shop = Shop()
    world = shop.world()
    with pytest.raises(OutOfStock):
        await world.place(shop.admin, shop.request(6))
    with pytest.raises(Unprocessable):
        await world.place(shop.admin, OrderRequest(uuid4(), (LineRequest(shop.pen, 1),), "x"))
    with pytest.raises(ValidationFailed):
        await world.place(shop.admin, OrderRequest(shop.buyer, (), "tok_visa"))
    assert shop.database.rows("orders") == {} and shop.gateway.charges == []
    assert shop.stock() == 5 and shop.database.commits == 0
    assert world.events == [] and shop.database.rows("recovery_points") == {}


async def test_another_tenants_product_and_customer_look_missing() -> None:
    shop = Shop()
    world = shop.world()
    foreign_line = OrderRequest(shop.buyer, (LineRequest(shop.other_pen, 1),), "tok_visa")
    foreign_buyer = OrderRequest(shop.other_buyer, (LineRequest(shop.pen, 1),), "tok_visa")
    for request, field in ((foreign_line, "lines[0].product_id"), (foreign_buyer, "customer_id")):
        with pytest.raises(Unprocessable) as error:
            await world.place(shop.admin, request)
        assert error.value.errors[0].field == field
    assert shop.stock(shop.other_pen) == 5 and shop.database.rows("orders") == {}
