"""Cancelling a paid order refunds it safely: the intent is recorded by compare-and-set
before any money moves, the refund runs under the order's gateway key, and an interrupted
refund is completed by a retry or by the sweep, never paid out twice."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest

from domain.ordering.errors import (
    ConcurrentChange,
    InvalidTransition,
    PaymentPending,
    RefundPending,
    RefundRejected,
)
from domain.ordering.order import Order
from domain.ordering.status import OrderStatus
from domain.shared.clock import utc_now
from tests.unit.fakes_ordering import FakeOrders
from tests.unit.ordering_world import Shop


async def _paid(shop: Shop) -> Order:
    return shop.order((await shop.world().place(shop.admin, shop.request(2))).id)


async def test_a_paid_order_is_refunded_once_under_its_key_and_restocked() -> None:
    shop = Shop()
    order = await _paid(shop)
    await shop.world().cancel(shop.admin, order.id)
    refunded = shop.order(order.id)
    assert refunded.status is OrderStatus.REFUNDED and refunded.payment.status == "refunded"
    assert shop.gateway.refunds == {order.refund_key: order.payment.reference}
    assert shop.stock() == 5


async def test_a_silent_gateway_leaves_refund_pending_and_a_retry_completes_it() -> None:
    shop = Shop()
    order = await _paid(shop)
    shop.gateway.fail_refunds = True
    with pytest.raises(RefundPending) as pending:
        await shop.world().cancel(shop.admin, order.id)
    assert pending.value.order_id == order.id
    assert shop.order(order.id).status is OrderStatus.REFUND_PENDING and shop.stock() == 3

    shop.gateway.fail_refunds = False
    await shop.world().cancel(shop.admin, order.id)
    assert shop.order(order.id).status is OrderStatus.REFUNDED and shop.stock() == 5
    assert list(shop.gateway.refunds) == [order.refund_key]


async def test_the_sweep_completes_a_refund_left_pending() -> None:
    shop = Shop()
    order = await _paid(shop)
    shop.gateway.fail_refunds = True
    with pytest.raises(RefundPending):
        await shop.world().cancel(shop.admin, order.id)
    shop.gateway.fail_refunds = False
    shop.age(order.id, utc_now() - timedelta(minutes=5))
    report = await shop.operator().sweep(shop.tenant, shop.other_tenant)(timedelta(minutes=30))
    assert (report.tenants, report.refunds_completed, report.refunds_still_pending) == (2, 1, 0)
    assert shop.order(order.id).status is OrderStatus.REFUNDED and shop.stock() == 5


async def test_a_refused_refund_is_left_pending_and_the_sweep_goes_on() -> None:
    """The first tenant's refund is refused by the provider; the second tenant, swept after
    it, still has its stale order cancelled."""
    shop = Shop()
    order = await _paid(shop)
    shop.gateway.reject_refunds = True
    with pytest.raises(RefundRejected):
        await shop.world().cancel(shop.admin, order.id)
    shop.age(order.id, utc_now() - timedelta(minutes=5))
    with pytest.raises(PaymentPending):
        await shop.other_world().place(shop.other_admin, shop.other_request(1, "tok_down"))
    stale = next(o for o in shop.database.rows("orders") if o != order.id)
    shop.age(stale, utc_now() - timedelta(hours=2))
    report = await shop.operator().sweep(shop.tenant, shop.other_tenant)(timedelta(minutes=30))
    assert (report.refunds_completed, report.refunds_still_pending) == (0, 1)
    assert report.orders_expired == 1 and shop.order(stale).status is OrderStatus.CANCELLED
    assert shop.order(order.id).status is OrderStatus.REFUND_PENDING


def _fulfilled_right_after_the_read(shop: Shop) -> type[FakeOrders]:
    class FulfilledMeanwhile(FakeOrders):
        async def get(self, order_id: UUID) -> Order | None:
            found = await super().get(order_id)
            await shop.world().fulfil(shop.admin, order_id)  # another request, committed
            return found

    return FulfilledMeanwhile


async def test_a_change_between_read_and_intent_refunds_nothing() -> None:
    """Another admin fulfils the order between the cancellation's read and its write: the
    compare-and-set of the intent loses, the client gets a 409, and no money moves."""
    shop = Shop()
    order = await _paid(shop)
    world = shop.world(orders=_fulfilled_right_after_the_read(shop))
    with pytest.raises(ConcurrentChange):
        await world.cancel(shop.admin, order.id)
    assert shop.order(order.id).status is OrderStatus.FULFILLED
    assert shop.gateway.refund_calls == 0 and world.events == []


async def test_only_paid_or_refund_pending_orders_are_refunded() -> None:
    shop = Shop()
    order = await _paid(shop)
    await shop.world().fulfil(shop.admin, order.id)
    with pytest.raises(InvalidTransition):
        await shop.world().cancel(shop.admin, order.id)
    with pytest.raises(InvalidTransition):
        await shop.world().refunds.complete(shop.order(order.id))
    assert shop.gateway.refund_calls == 0
