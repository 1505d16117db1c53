"""A row of the single-order read becomes the same view whether its lines arrive as the
driver's JSON text or already decoded (SQLAlchemy's path inside a transaction)."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from domain.ordering.views import OrderLineView
from infrastructure.ordering.order_views import order_view

PEN = UUID("01a22dd0-525d-7242-9ac2-2f91abf3560c")
INK = UUID("01a22dd0-525d-7242-9ac2-2f91abf3560d")
AT = datetime(2026, 11, 30, 12, tzinfo=UTC)


def _row(lines: object) -> tuple[object, ...]:
    order, customer = UUID(int=1), UUID(int=2)
    return (order, "paid", customer, "EUR", 450, "succeeded", "ch_1", None, 2, AT, AT, lines)


def test_lines_as_text_and_as_values_give_the_same_view_with_uuid_products() -> None:
    text = f'[["{PEN}", 1, 250, 250], ["{INK}", 2, 100, 200]]'
    values = [[str(PEN), 1, 250, 250], [str(INK), 2, 100, 200]]
    view = order_view(_row(text))
    assert view == order_view(_row(values))
    assert view.lines == [OrderLineView(PEN, 1, 250, 250), OrderLineView(INK, 2, 100, 200)]
    assert view.total_minor == 450 and view.payment.reference == "ch_1"


def test_an_order_without_lines_has_none() -> None:
    assert order_view(_row("[]")).lines == order_view(_row([])).lines == []
