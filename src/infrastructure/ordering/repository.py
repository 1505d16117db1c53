"""SQLAlchemy adapter of ``OrderRepository`` (the write side: entities and transitions)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.ordering.order import HOLDS_STOCK, Order, OrderLine, OrderStatus, Payment
from infrastructure.ordering.orm import OrderLineRow, OrderRow


def _payment_columns(order: Order) -> dict[str, object]:
    return {
        "payment_status": order.payment.status,
        "payment_reference": order.payment.reference,
        "payment_failure_code": order.payment.failure_code,
        "payment_attempts": order.payment.attempts,
    }


class SqlaOrderRepository:
    def __init__(self, session: AsyncSession, tenant_id: UUID | None) -> None:
        self._session = session
        self._tenant_id = tenant_id

    async def add(self, order: Order) -> None:
        self._session.add(
            OrderRow(
                tenant_id=order.tenant_id,
                id=order.id,
                customer_id=order.customer_id,
                status=order.status.value,
                currency=order.currency,
                total_minor=order.total_minor,
                version=order.version,
                created_at=order.created_at,
                updated_at=order.updated_at,
                **_payment_columns(order),
            )
        )
        await self._session.flush()
        self._session.add_all(
            OrderLineRow(
                tenant_id=order.tenant_id,
                order_id=order.id,
                line_no=number,
                product_id=line.product_id,
                quantity=line.quantity,
                unit_price_minor=line.unit_price_minor,
                line_total_minor=line.line_total_minor,
            )
            for number, line in enumerate(order.lines, start=1)
        )
        await self._session.flush()

    async def get(self, order_id: UUID) -> Order | None:
        row = await self._session.scalar(
            select(OrderRow).where(OrderRow.tenant_id == self._tenant_id, OrderRow.id == order_id)
        )
        return None if row is None else (await self._with_lines([row]))[0]

    async def save(self, order: Order, expected_status: OrderStatus, expected_version: int) -> bool:
        result = await self._session.execute(
            update(OrderRow)
            .where(
                OrderRow.tenant_id == self._tenant_id,
                OrderRow.id == order.id,
                OrderRow.status == expected_status.value,
                OrderRow.version == expected_version,
            )
            .values(
                status=order.status.value,
                version=order.version,
                updated_at=order.updated_at,
                **_payment_columns(order),
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def stale_pending(self, older_than: datetime, limit: int) -> Sequence[Order]:
        rows = await self._session.scalars(
            select(OrderRow)
            .where(
                OrderRow.tenant_id == self._tenant_id,
                OrderRow.status.in_([s.value for s in HOLDS_STOCK]),
                OrderRow.created_at < older_than,
            )
            .order_by(OrderRow.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return await self._with_lines(list(rows))

    async def _with_lines(self, rows: list[OrderRow]) -> list[Order]:
        if not rows:
            return []
        lines = await self._session.scalars(
            select(OrderLineRow)
            .where(
                OrderLineRow.tenant_id == self._tenant_id,
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
