"""SQL adapter of ``OrderQueries``: an order or a page of orders, lines included, in one
statement (plus one count for pages). Statements are built once, with bind parameters."""

from __future__ import annotations

import json
from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Select, Table, bindparam, func, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from domain.ordering.ports import OrderFilter
from domain.ordering.views import OrderLineView, OrderView, PaymentView
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from infrastructure.ordering.orm import OrderLineRow, OrderRow

# Core columns of the tables (not ORM attributes): reads skip the ORM layer entirely.
Ord = cast(Table, OrderRow.__table__).c
Line = cast(Table, OrderLineRow.__table__).c
_ORDERS = cast(Table, OrderRow.__table__)

_LINES = (
    select(
        func.coalesce(
            func.json_agg(
                aggregate_order_by(
                    func.json_build_array(
                        Line.product_id, Line.quantity, Line.unit_price_minor, Line.line_total_minor
                    ),
                    Line.line_no,
                )
            ),
            literal_column("'[]'::json"),
        )
    )
    .where(Line.tenant_id == Ord.tenant_id, Line.order_id == Ord.id)
    .scalar_subquery()
    .label("lines")
)
_COLUMNS = (
    Ord.id,
    Ord.status,
    Ord.customer_id,
    Ord.currency,
    Ord.total_minor,
    Ord.payment_status,
    Ord.payment_reference,
    Ord.payment_failure_code,
    Ord.version,
    Ord.created_at,
    Ord.updated_at,
    _LINES,
)
Conditions = list[ColumnElement[bool]]
_ONE = select(*_COLUMNS).where(
    Ord.tenant_id == bindparam("tenant_id"), Ord.id == bindparam("order_id")
)


def _view(row: Any) -> OrderView:
    raw_lines = row.lines if isinstance(row.lines, list) else json.loads(row.lines)
    return OrderView(
        row.id,
        row.status,
        row.customer_id,
        row.currency,
        row.total_minor,
        [OrderLineView(UUID(p), q, u, t) for p, q, u, t in raw_lines],
        PaymentView(row.payment_status, row.payment_reference, row.payment_failure_code),
        row.version,
        row.created_at,
        row.updated_at,
    )


class SqlaOrderQueries:
    def __init__(self, session: AsyncSession, tenant_id: UUID | None) -> None:
        self._session = session
        self._tenant_id = tenant_id

    async def get(self, order_id: UUID) -> OrderView | None:
        connection = await self._session.connection()
        result = await connection.execute(
            _ONE, {"tenant_id": self._tenant_id, "order_id": order_id}
        )
        row = result.first()
        return None if row is None else _view(row)

    async def list(self, where: OrderFilter, query: ListQuery) -> Page[OrderView]:
        conditions = self._conditions(where)
        column: Any = Ord[query.ordering.field]
        order = (column.desc(), Ord.id.desc()) if query.ordering.descending else (column, Ord.id)
        page: Select[Any] = (
            select(*_COLUMNS)
            .where(*conditions)
            .order_by(*order)
            .limit(query.page.limit)
            .offset(query.page.offset)
        )
        rows = (await self._session.execute(page)).all()
        total = await self._session.scalar(
            select(func.count()).select_from(_ORDERS).where(*conditions)
        )
        return Page([_view(r) for r in rows], int(total or 0), query.page.limit, query.page.offset)

    def _conditions(self, where: OrderFilter) -> Conditions:
        conditions: Conditions = [Ord.tenant_id == self._tenant_id]
        if where.status is not None:
            conditions.append(Ord.status == where.status.value)
        if where.customer_id is not None:
            conditions.append(Ord.customer_id == where.customer_id)
        if where.created_from is not None:
            conditions.append(Ord.created_at >= where.created_from)
        if where.created_to is not None:
            conditions.append(Ord.created_at < where.created_to)
        return conditions
