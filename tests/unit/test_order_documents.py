"""An order's stored document is what the wire's ``OrderOut`` encodes to, byte for byte, so
the reads can send it as it is (alone, or joined as a page's items); and it decodes back to
the view it was made of."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import msgspec
import pytest

from domain.ordering.views import OrderLineView, OrderView, PaymentView
from domain.shared.pagination import JoinedPage, PageRequest
from infrastructure.ordering.documents import document_of_view, view_of_document
from interface.http.ordering.order_answers import page_answer
from interface.http.ordering.schemas import OrderOut
from interface.http.pagination import PageOut

PEN = UUID("01a22dd0-525d-7242-9ac2-2f91abf3560c")
INK = UUID("01a22dd0-525d-7242-9ac2-2f91abf3560d")
ORDERED = datetime(2026, 11, 30, 12, 0, 0, tzinfo=UTC)  # no fraction of a second
PAID = datetime(2026, 11, 30, 12, 0, 1, 120, tzinfo=UTC)


def _view(status: str, payment: PaymentView, lines: list[OrderLineView]) -> OrderView:
    total = sum(line.line_total_minor for line in lines)
    return OrderView(
        UUID(int=1), status, UUID(int=2), "EUR", total, lines, payment, 2, ORDERED, PAID
    )


VIEWS = [
    _view(
        "paid",
        PaymentView("succeeded", "ch_1", None),
        [OrderLineView(PEN, 1, 250, 250), OrderLineView(INK, 2, 100, 200)],
    ),
    _view(
        "payment_failed",
        PaymentView("failed", None, "card_declined"),
        [OrderLineView(PEN, 3, 5, 15)],
    ),
    _view("pending_payment", PaymentView("pending", None, None), []),
]


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.status)
def test_the_document_is_what_the_wire_struct_encodes_to(view: OrderView) -> None:
    document = document_of_view(view)
    assert document == msgspec.json.encode(OrderOut.of(view)).decode()
    assert msgspec.json.decode(document, type=OrderOut) == OrderOut.of(view)


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.status)
def test_the_document_decodes_to_the_view_it_was_made_of(view: OrderView) -> None:
    assert view_of_document(document_of_view(view)) == view


def test_instants_are_utc_with_the_fraction_only_when_there_is_one() -> None:
    decoded = msgspec.json.decode(document_of_view(VIEWS[0]))
    assert decoded["created_at"] == "2026-11-30T12:00:00Z"
    assert decoded["updated_at"] == "2026-11-30T12:00:01.000120Z"


@pytest.mark.parametrize("count", [0, 1, 3])
def test_a_page_of_joined_documents_is_what_the_wire_page_encodes_to(count: int) -> None:
    views = VIEWS[:count]
    joined = ",".join(document_of_view(view) for view in views)
    page = JoinedPage.window(joined, count + 1, 1001, PageRequest(count, 50))
    wire = PageOut([OrderOut.of(view) for view in views], True, None, count, 50)
    assert page_answer(page).body == msgspec.json.encode(wire)
