"""The benchmark's seeded orders (``bench/seed_orders.py``) carry their documents as the app writes
them: each row's ``view`` is ``document_of_view`` of the view of the row and its lines, byte
for byte (the floor's orders are held to the API's in ``tests/api/test_bench_floor.py``)."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any
from uuid import UUID

from bench.seed_columns import LINE_COLUMNS, ORDER_COLUMNS
from bench.seed_orders import orders_of
from domain.ordering.views import OrderLineView, OrderView, PaymentView
from infrastructure.ordering.documents import document_of_view, view_of_document

PRODUCTS = [UUID(int=n) for n in range(1, 11)]


def _named(columns: Any, row: tuple[object, ...]) -> dict[str, Any]:
    assert len(row) == len(columns)
    return {name: value for (name, _), value in zip(columns, row, strict=True)}


def _view_of(order: dict[str, Any], lines: list[dict[str, Any]]) -> OrderView:
    """The view the API would show for the seeded columns (what a read of them builds)."""
    ordered = sorted(lines, key=lambda line: line["line_no"])
    return OrderView(
        order["id"], order["status"], order["customer_id"], order["currency"],
        order["total_minor"],
        [
            OrderLineView(
                line["product_id"], line["quantity"], line["unit_price_minor"],
                line["line_total_minor"],
            )
            for line in ordered
        ],
        PaymentView(
            order["payment_status"], order["payment_reference"], order["payment_failure_code"]
        ),
        order["version"], order["created_at"], order["updated_at"],
    )  # fmt: skip


def test_each_seeded_order_carries_the_document_the_app_writes_for_its_values() -> None:
    made = orders_of(UUID(int=98), PRODUCTS, 300, random.Random(7))
    orders, lines = made.orders, made.lines
    by_order: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for line in lines:
        named = _named(LINE_COLUMNS, line)
        by_order[named["order_id"]].append(named)
    statuses = set()
    for row in orders:
        order = _named(ORDER_COLUMNS, row)
        view = _view_of(order, by_order[order["id"]])
        assert order["view"] == document_of_view(view)
        assert view_of_document(order["view"]) == view
        statuses.add(order["status"])
    assert len(statuses) == 6 and made.ids == [row[0] for row in orders]
    assert any(len(found) > 1 for found in by_order.values())
