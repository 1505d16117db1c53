"""The order state machine: allowed transitions, versions, events."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain.ordering.events import OrderPaid, OrderPaymentFailed, OrderPlaced, OrderRefunded
from domain.ordering.order import InvalidTransition, Order, OrderLine, OrderStatus


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


def test_paid_then_refunded_moves_version_and_raises_events() -> None:
    order = _order()
    order.start_payment_attempt()
    order.mark_paid("ch_1")
    order.refund()
    assert order.status is OrderStatus.REFUNDED and order.version == 3
    assert [type(e) for e in order.take_events()] == [OrderPlaced, OrderPaid, OrderRefunded]


@pytest.mark.parametrize(
    ("path", "action"),
    [
        ([], "fulfil"),
        ([], "refund"),
        (["pay"], "cancel"),
        (["pay", "fulfil"], "refund"),
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
