"""Domain events of the ordering context, raised by the order aggregate: one per transition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from uuid import UUID

from domain.shared.events import DomainEvent


@dataclass(frozen=True, slots=True)
class OrderEvent(DomainEvent):
    order_id: UUID


@dataclass(frozen=True, slots=True)
class OrderPlaced(OrderEvent):
    event_type: ClassVar[str] = "order.placed"
    total_minor: int
    currency: str


@dataclass(frozen=True, slots=True)
class OrderPaid(OrderEvent):
    event_type: ClassVar[str] = "order.paid"
    total_minor: int
    currency: str


@dataclass(frozen=True, slots=True)
class OrderPaymentFailed(OrderEvent):
    event_type: ClassVar[str] = "order.payment_failed"
    failure_code: str


@dataclass(frozen=True, slots=True)
class OrderPaymentRetried(OrderEvent):
    """A failed order waits for payment again (its stock is reserved again)."""

    event_type: ClassVar[str] = "order.payment_retried"


@dataclass(frozen=True, slots=True)
class OrderFulfilled(OrderEvent):
    event_type: ClassVar[str] = "order.fulfilled"


@dataclass(frozen=True, slots=True)
class OrderCancelled(OrderEvent):
    event_type: ClassVar[str] = "order.cancelled"


@dataclass(frozen=True, slots=True)
class OrderRefundRequested(OrderEvent):
    """A paid order is being cancelled: its refund is under way at the gateway."""

    event_type: ClassVar[str] = "order.refund_requested"

    total_minor: int
    currency: str


@dataclass(frozen=True, slots=True)
class OrderRefunded(OrderEvent):
    event_type: ClassVar[str] = "order.refunded"
    total_minor: int
    currency: str


ORDER_EVENTS: tuple[type[OrderEvent], ...] = (
    OrderPlaced,
    OrderPaid,
    OrderPaymentFailed,
    OrderPaymentRetried,
    OrderFulfilled,
    OrderCancelled,
    OrderRefundRequested,
    OrderRefunded,
)
"""Every event the ordering context publishes (its part of the event catalogue)."""
