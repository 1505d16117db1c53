"""What every statement on orders builds on: the tables' Core columns (not ORM attributes:
reads and bulk writes skip the ORM layer), the tenant parameter every statement and
subquery carries (what Citus needs to route it to one shard), and an order's lines
aggregated in one subquery."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Label,
    Table,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by

from infrastructure.ordering.orm import OrderLineRow, OrderRow

ORDERS = cast(Table, OrderRow.__table__)
LINES = cast(Table, OrderLineRow.__table__)
Ord = ORDERS.c
Line = LINES.c
TENANT: BindParameter[Any] = bindparam("tenant_id")


def lines_array(*fields: ColumnElement[Any]) -> Label[Any]:
    """The order's lines as a JSON array (``[]`` for none), each line the JSON array of
    ``fields``, in line order: column ``lines``."""
    aggregated = func.json_agg(aggregate_order_by(func.json_build_array(*fields), Line.line_no))
    return (
        select(func.coalesce(aggregated, literal_column("'[]'::json")))
        .where(Line.tenant_id == TENANT, Line.order_id == Ord.id)
        .scalar_subquery()
        .label("lines")
    )
