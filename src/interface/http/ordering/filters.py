"""Query parameters every order list shares (``/orders``, ``/customers/{id}/orders``)."""

from __future__ import annotations

from typing import Annotated

from litestar.params import QueryParameter

from domain.ordering.status import OrderStatus
from interface.http.listing import order_by_param

SORTABLE = frozenset({"created_at", "updated_at", "total_minor"})
DEFAULT_ORDER = "-created_at"
OrderBy = Annotated[str | None, order_by_param(SORTABLE)]
StatusFilter = Annotated[OrderStatus | None, QueryParameter(required=False)]
