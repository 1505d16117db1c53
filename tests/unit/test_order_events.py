"""Every state transition delivers its event through the unit of work, after the commit;
nothing is delivered when the transaction rolls back. (Before this rule, the sweep
cancelled orders without ever delivering their ``OrderCancelled``.)"""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest

from domain.ordering.errors import OutOfStock, PaymentDeclined, PaymentPending
from domain.ordering.events import (
    OrderCancelled,
    OrderFulfilled,
    OrderPaid,
    OrderPaymentFailed,
    OrderPaymentRetried,
    OrderPlaced,
    OrderRefunded,
    OrderRefundRequested,
)
from domain.ordering.status import OrderStatus
from domain.shared.clock import utc_now
from tests.unit.ordering_world import Shop


async def _declined(shop: Shop) -> UUID:
    with pytest.raises(PaymentDeclined) as declined:
        await shop.world().place(shop.admin, shop.request(1, "tok_declined"))
    return declined.value.order_id


async def test_placing_and_paying_deliver_placed_then_paid() -> None:
    shop = Shop()
    world = shop.world()
    await world.place(shop.admin, shop.request(1))
    assert world.events == [OrderPlaced, OrderPaid]


async def test_a_decline_delivers_payment_failed() -> None:
    shop = Shop()
    world = shop.world()
    with pytest.raises(PaymentDeclined):
        await world.place(shop.admin, shop.request(1, "tok_declined"))
    assert world.events == [OrderPlaced, OrderPaymentFailed]


async def test_a_retry_delivers_retried_then_paid() -> None:
    shop = Shop()
    order_id = await _declined(shop)
    world = shop.world()
    await world.retry(order_id, "tok_visa")
    assert world.events == [OrderPaymentRetried, OrderPaid]


async def test_fulfilment_delivers_fulfilled() -> None:
    shop = Shop()
    order_id = (await shop.world().place(shop.admin, shop.request(1))).id
    world = shop.world()
    await world.fulfil(shop.admin, order_id)
    assert world.events == [OrderFulfilled]


async def test_cancelling_an_unpaid_order_delivers_cancelled() -> None:
    shop = Shop()
    order_id = await _declined(shop)
    world = shop.world()
    await world.cancel(shop.admin, order_id)
    assert world.events == [OrderCancelled]


async def test_cancelling_a_paid_order_delivers_refund_requested_then_refunded() -> None:
    shop = Shop()
    order_id = (await shop.world().place(shop.admin, shop.request(1))).id
    world = shop.world()
    await world.cancel(shop.admin, order_id)
    assert world.events == [OrderRefundRequested, OrderRefunded]


async def test_the_sweeps_cancellations_deliver_cancelled() -> None:
    shop = Shop()
    with pytest.raises(PaymentPending):
        await shop.world().place(shop.admin, shop.request(1, "tok_down"))
    (order_id,) = shop.database.rows("orders")
    shop.age(order_id, utc_now() - timedelta(hours=2))
    operator = shop.operator()
    report = await operator.sweep(shop.tenant, shop.other_tenant)(timedelta(minutes=30))
    assert report.orders_expired == 1
    assert operator.events == [OrderCancelled]
    assert shop.order(order_id).status is OrderStatus.CANCELLED and shop.stock() == 5


async def test_a_rolled_back_transition_delivers_nothing() -> None:
    shop = Shop()
    order_id = await _declined(shop)
    shop.database.rows("stock")[shop.pen].quantity = 0  # sold out meanwhile
    world = shop.world()
    with pytest.raises(OutOfStock):
        await world.retry(order_id, "tok_visa")
    assert world.events == [] and shop.database.rollbacks == 1
    assert shop.order(order_id).status is OrderStatus.PAYMENT_FAILED
