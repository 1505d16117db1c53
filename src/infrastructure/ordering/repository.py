"""SQLAlchemy adapter of ``OrderRepository`` (the write side: entities and transitions).

Every order it adds or saves is tracked by the transaction, whose unit of work delivers
the order's events after the commit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, bindparam, select

from domain.ordering.order import Order, OrderLine, Payment
from domain.ordering.status import HOLDS_STOCK, OrderStatus
from infrastructure.database.tenant_session import TenantSession
from infrastructure.ordering.columns import TENANT, Line, Ord, lines_array
from infrastructure.ordering.order_writes import SAVE, placed, placing, saved
from infrastructure.ordering.orm import OrderLineRow, OrderRow

_LINES = lines_array(Line.product_id, Line.quantity, Line.unit_price_minor)
_ROW = [column for column in Ord if column is not Ord.view]
_ORDER_BY_ID = select(*_ROW, _LINES).where(Ord.tenant_id == TENANT, Ord.id == bindparam("order_id"))
"""An order with its lines aggregated (every subquery filtered by the tenant too); not its
document, which the write side never reads."""


def _order(row: Any) -> Order:
    raw_lines = row.lines if not isinstance(row.lines, str) else json.loads(row.lines)
    lines = [OrderLine(UUID(p), q, u) for p, q, u in raw_lines]
    return Order(
        row.id,
        row.tenant_id,
        row.customer_id,
        row.currency,
        lines,
        OrderStatus(row.status),
        Payment(
            row.payment_status,
            row.payment_reference,
            row.payment_failure_code,
            row.payment_attempts,
        ),
        row.version,
        row.created_at,
        row.updated_at,
    )


class SqlaOrderRepository:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    def _mine(self, *conditions: ColumnElement[bool]) -> tuple[ColumnElement[bool], ...]:
        return (OrderRow.tenant_id == self._db.tenant_id, *conditions)

    async def add(self, order: Order) -> None:
        """The order and its lines in one prebuilt statement (a CTE inserts the order)."""
        await self._db.session.execute(placing(len(order.lines)), placed(order))
        self._db.track(order)

    async def get(self, order_id: UUID) -> Order | None:
        """The order with its lines, in one statement."""
        params = {"tenant_id": self._db.tenant_id, "order_id": order_id}
        row = (await self._db.session.execute(_ORDER_BY_ID, params)).first()
        return None if row is None else _order(row)

    async def save(self, order: Order, expected_status: OrderStatus, expected_version: int) -> bool:
        params = saved(order, self._db.tenant_id, expected_status.value, expected_version)
        result = await self._db.session.execute(SAVE, params)
        saved_it = bool(getattr(result, "rowcount", 0))
        if saved_it:
            self._db.track(order)
        return saved_it

    async def stale_pending(self, older_than: datetime, limit: int) -> Sequence[Order]:
        rows = await self._db.session.scalars(
            select(OrderRow)
            .where(
                *self._mine(
                    OrderRow.status.in_([s.value for s in HOLDS_STOCK]),
                    OrderRow.created_at < older_than,
                )
            )
            .order_by(OrderRow.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return await self._with_lines(list(rows))

    async def unchanged_since(
        self, status: OrderStatus, before: datetime, limit: int
    ) -> Sequence[Order]:
        rows = await self._db.session.scalars(
            select(OrderRow)
            .where(*self._mine(OrderRow.status == status.value, OrderRow.updated_at < before))
            .order_by(OrderRow.updated_at)
            .limit(limit)
        )
        return await self._with_lines(list(rows))

    async def _with_lines(self, rows: list[OrderRow]) -> list[Order]:
        if not rows:
            return []
        lines = await self._db.session.scalars(
            select(OrderLineRow)
            .where(
                OrderLineRow.tenant_id == self._db.tenant_id,
                OrderLineRow.order_id.in_([r.id for r in rows]),
            )
            .order_by(OrderLineRow.order_id, OrderLineRow.line_no)
        )
        by_order: dict[UUID, list[OrderLine]] = {r.id: [] for r in rows}
        for line in lines:
            by_order[line.order_id].append(
                OrderLine(line.product_id, line.quantity, line.unit_price_minor)
            )
        return [
            Order(
                r.id,
                r.tenant_id,
                r.customer_id,
                r.currency,
                by_order[r.id],
                OrderStatus(r.status),
                Payment(
                    r.payment_status,
                    r.payment_reference,
                    r.payment_failure_code,
                    r.payment_attempts,
                ),
                r.version,
                r.created_at,
                r.updated_at,
            )
            for r in rows
        ]
