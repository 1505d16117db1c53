"""Domain events of the ordering context, raised by the order aggregate: one per transition."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.shared.events import DomainEvent


@dataclass(frozen=True, slots=True)
class OrderEvent(DomainEvent):
    order_id: UUID


@dataclass(frozen=True, slots=True)
class OrderPlaced(OrderEvent):
    total_minor: int
    currency: str


@dataclass(frozen=True, slots=True)
class OrderPaid(OrderEvent):
    total_minor: int
    currency: str


@dataclass(frozen=True, slots=True)
class OrderPaymentFailed(OrderEvent):
    failure_code: str


@dataclass(frozen=True, slots=True)
class OrderPaymentRetried(OrderEvent):
    """A failed order waits for payment again (its stock is reserved again)."""


@dataclass(frozen=True, slots=True)
class OrderFulfilled(OrderEvent):
    pass


@dataclass(frozen=True, slots=True)
class OrderCancelled(OrderEvent):
    pass


@dataclass(frozen=True, slots=True)
class OrderRefundRequested(OrderEvent):
    """A paid order is being cancelled: its refund is under way at the gateway."""

    total_minor: int
    currency: str


@dataclass(frozen=True, slots=True)
class OrderRefunded(OrderEvent):
    total_minor: int
    currency: str
