"""The order state machine: allowed transitions, versions, events."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain.ordering.errors import InvalidTransition
from domain.ordering.events import (
    OrderPaid,
    OrderPaymentFailed,
    OrderPaymentRetried,
    OrderPlaced,
    OrderRefunded,
    OrderRefundRequested,
)
from domain.ordering.order import Order, OrderLine
from domain.ordering.status import OrderStatus


def _order() -> Order:
    return Order.place(
        uuid4(), uuid4(), "EUR", [OrderLine(uuid4(), 3, 199), OrderLine(uuid4(), 1, 5)]
    )


def test_a_placed_order_waits_for_payment_and_sums_its_lines() -> None:
    order = _order()
    assert order.status is OrderStatus.PENDING_PAYMENT and order.holds_stock
    assert order.total_minor == 602
    assert [type(e) for e in order.take_events()] == [OrderPlaced]
    assert order.events == []


def test_payment_attempts_get_their_own_gateway_keys() -> None:
    order = _order()
    first = order.start_payment_attempt()
    order.mark_payment_failed("ch_1", "card_declined")
    order.retry_payment()
    second = order.start_payment_attempt()
    assert (first, second) == (f"{order.id}:1", f"{order.id}:2")


def test_paid_then_refund_requested_then_refunded_moves_version_and_raises_events() -> None:
    order = _order()
    order.start_payment_attempt()
    order.mark_paid("ch_1")
    order.request_refund()
    assert (order.status, order.payment.status) == (OrderStatus.REFUND_PENDING, "succeeded")
    order.complete_refund()
    assert (order.status, order.version) == (OrderStatus.REFUNDED, 4)
    assert order.payment.status == "refunded" and order.refund_key == f"{order.id}:refund"
    assert [type(e) for e in order.take_events()] == [
        OrderPlaced,
        OrderPaid,
        OrderRefundRequested,
        OrderRefunded,
    ]


def test_a_retry_after_a_decline_raises_its_own_event() -> None:
    order = _order()
    order.mark_payment_failed("ch_1", "card_declined")
    order.retry_payment()
    assert order.status is OrderStatus.PENDING_PAYMENT and order.holds_stock
    assert [type(e) for e in order.take_events()][-1] is OrderPaymentRetried


@pytest.mark.parametrize(
    ("path", "action"),
    [
        ([], "fulfil"),
        ([], "request_refund"),
        ([], "complete_refund"),
        (["pay"], "cancel"),
        (["pay"], "complete_refund"),
        (["pay", "fulfil"], "request_refund"),
        (["pay", "request_refund"], "fulfil"),
        (["pay", "request_refund"], "cancel"),
        (["decline"], "fulfil"),
        (["cancel"], "retry_payment"),
    ],
)
def test_invalid_transitions_name_both_states(path: list[str], action: str) -> None:
    order = _order()
    for step in path:
        if step == "pay":
            order.mark_paid("ch")
        elif step == "decline":
            order.mark_payment_failed("ch", "card_declined")
        else:
            getattr(order, step)()
    before = (order.status, order.version)
    with pytest.raises(InvalidTransition) as error:
        getattr(order, action)()
    assert error.value.current is before[0]
    assert before[0].value in error.value.detail
    assert (order.status, order.version) == before


def test_declines_record_the_failure_code() -> None:
    order = _order()
    order.mark_payment_failed("ch_9", "insufficient_funds")
    assert order.payment.failure_code == "insufficient_funds" and not order.holds_stock
    assert isinstance(order.take_events()[-1], OrderPaymentFailed)


def test_an_attempt_in_doubt_is_retried_under_the_same_key() -> None:
    order = _order()
    first = order.start_payment_attempt()
    order.mark_payment_pending()
    again = order.start_payment_attempt()
    order.mark_paid("ch_1")
    assert first == again == f"{order.id}:1"
