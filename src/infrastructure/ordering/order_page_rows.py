"""A page's rows (``order_pages``) as views, with as little Python per row as it takes.

Python builds one tuple per order, in the views' field order, with its payment as a tuple
and its lines zipped from their arrays into tuples (in C); msgspec turns all of them into
its positional structs in one call and those into views in a second (both in C). Building
the views' dicts in Python, or the views themselves, costs more (issue 13).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec

from domain.ordering.views import OrderView


class _Line(msgspec.Struct, array_like=True, gc=False):
    product_id: UUID
    quantity: int
    unit_price_minor: int
    line_total_minor: int


class _Payment(msgspec.Struct, array_like=True, gc=False):
    status: str
    reference: str | None
    failure_code: str | None


class _Order(msgspec.Struct, array_like=True):
    """``OrderView``'s fields in its order, read from a tuple."""

    id: UUID
    status: str
    customer_id: UUID
    currency: str
    total_minor: int
    lines: list[_Line]
    payment: _Payment
    version: int
    created_at: datetime
    updated_at: datetime


def views_of(rows: Iterable[Iterable[Any]]) -> list[OrderView]:
    """The views of a page's rows (driver records or SQLAlchemy rows; their last column,
    the count, is not read)."""
    orders = [
        (
            id_, status, customer_id, currency, total,
            list(zip(products, quantities, prices, totals)),
            (paid, reference, failure), version, created_at, updated_at,
        )
        for (
            id_, status, customer_id, currency, total, paid, reference, failure, version,
            created_at, updated_at, products, quantities, prices, totals, _,
        ) in rows
    ]  # fmt: skip
    read = msgspec.convert(orders, list[_Order])
    return msgspec.convert(read, list[OrderView], from_attributes=True)
