"""Domain events of the ordering context, raised by the order aggregate."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, slots=True)
class DomainEvent:
    tenant_id: UUID
    order_id: UUID


@dataclass(frozen=True, slots=True)
class OrderPlaced(DomainEvent):
    total_minor: int
    currency: str


@dataclass(frozen=True, slots=True)
class OrderPaid(DomainEvent):
    total_minor: int
    currency: str


@dataclass(frozen=True, slots=True)
class OrderPaymentFailed(DomainEvent):
    failure_code: str


@dataclass(frozen=True, slots=True)
class OrderFulfilled(DomainEvent):
    pass


@dataclass(frozen=True, slots=True)
class OrderCancelled(DomainEvent):
    pass


@dataclass(frozen=True, slots=True)
class OrderRefunded(DomainEvent):
    total_minor: int
    currency: str
