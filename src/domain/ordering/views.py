"""Read models of orders: what the API shows, loaded in one query (no entities)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


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
