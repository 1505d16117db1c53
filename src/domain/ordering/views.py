"""Read models of orders: what the API shows, loaded in one query (no entities)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

if TYPE_CHECKING:
    from domain.ordering.order import Order


@dataclass(frozen=True, slots=True)
class OrderLineView:
    product_id: UUID
    quantity: int
    unit_price_minor: int
    line_total_minor: int


@dataclass(frozen=True, slots=True)
class PaymentView:
    status: str
    reference: str | None
    failure_code: str | None


@dataclass(frozen=True, slots=True)
class OrderView:
    id: UUID
    status: str
    customer_id: UUID
    currency: str
    total_minor: int
    lines: list[OrderLineView]
    payment: PaymentView
    version: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class OrderDocument:
    """An order as the API sends it: its view's JSON, ready, stored with the order (the
    hot reads send it without building or decoding it), with its id and version."""

    id: UUID
    version: int
    json: str


def view_of(order: Order) -> OrderView:
    """The view of an order in hand, as a read of what it committed would show it."""
    return OrderView(
        order.id,
        order.status.value,
        order.customer_id,
        order.currency,
        order.total_minor,
        [
            OrderLineView(
                line.product_id, line.quantity, line.unit_price_minor, line.line_total_minor
            )
            for line in order.lines
        ],
        PaymentView(order.payment.status, order.payment.reference, order.payment.failure_code),
        order.version,
        order.created_at,
        order.updated_at,
    )
