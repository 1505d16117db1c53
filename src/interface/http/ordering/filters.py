"""Query parameters every order list shares (``/orders``, ``/customers/{id}/orders``)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar.params import QueryParameter

from domain.ordering.ports import OrderFilter
from domain.ordering.status import OrderStatus
from interface.http.listing import order_by_param, parse_instant

SORTABLE = frozenset({"created_at", "updated_at", "total_minor"})
DEFAULT_ORDER = "-created_at"
OrderBy = Annotated[str | None, order_by_param(SORTABLE)]
StatusFilter = Annotated[OrderStatus | None, QueryParameter(required=False)]


def order_filter(
    status: OrderStatus | None,
    created_from: str | None,
    created_to: str | None,
    customer_id: UUID | None = None,
) -> OrderFilter:
    """The filter of an order list; a malformed timestamp is a 400 naming its parameter."""
    return OrderFilter(
        status,
        customer_id,
        parse_instant(created_from, "created_from"),
        parse_instant(created_to, "created_to"),
    )
