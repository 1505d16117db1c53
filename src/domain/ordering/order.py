"""The order aggregate and its state machine.

```
pending_payment --pay--> paid --fulfil--> fulfilled
pending_payment --decline--> payment_failed            (stock released)
payment_failed --retry--> pending_payment               (stock reserved again)
pending_payment | payment_failed --cancel--> cancelled  (a pending order's stock released)
paid --cancel (refund)--> refunded                      (stock restored)
```
Every transition bumps ``version``; repositories persist it as a compare-and-set on
(id, tenant, previous status, previous version).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.ordering.events import (
    DomainEvent,
    OrderCancelled,
    OrderFulfilled,
    OrderPaid,
    OrderPaymentFailed,
    OrderPlaced,
    OrderRefunded,
)
from domain.shared.clock import utc_now
from domain.shared.errors import Conflict
from domain.shared.ids import new_id


class OrderStatus(StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    PAYMENT_FAILED = "payment_failed"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


_ALLOWED: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.PENDING_PAYMENT: frozenset(
        {OrderStatus.PAID, OrderStatus.PAYMENT_FAILED, OrderStatus.CANCELLED}
    ),
    OrderStatus.PAYMENT_FAILED: frozenset({OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED}),
    OrderStatus.PAID: frozenset({OrderStatus.FULFILLED, OrderStatus.REFUNDED}),
    OrderStatus.FULFILLED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.REFUNDED: frozenset(),
}

HOLDS_STOCK = frozenset({OrderStatus.PENDING_PAYMENT})
"""The state whose stock reservation is in place (a failed payment releases it)."""


GATEWAY_SILENT = "gateway_unavailable"


class InvalidTransition(Conflict):
    def __init__(self, current: OrderStatus, target: OrderStatus) -> None:
        super().__init__(f"An order in state {current.value} cannot become {target.value}.")
        self.current = current
        self.target = target


@dataclass(frozen=True, slots=True)
class OrderLine:
    product_id: UUID
    quantity: int
    unit_price_minor: int

    @property
    def line_total_minor(self) -> int:
        return self.quantity * self.unit_price_minor


@dataclass(slots=True)
class Payment:
    status: str = "pending"
    reference: str | None = None
    failure_code: str | None = None
    attempts: int = 0


@dataclass(slots=True)
class Order:
    id: UUID
    tenant_id: UUID
    customer_id: UUID
    currency: str
    lines: list[OrderLine]
    status: OrderStatus
    payment: Payment
    version: int
    created_at: datetime
    updated_at: datetime
    events: list[DomainEvent] = field(default_factory=list)

    @classmethod
    def place(
        cls, tenant_id: UUID, customer_id: UUID, currency: str, lines: list[OrderLine]
    ) -> Order:
        now = utc_now()
        order = cls(
            new_id(),
            tenant_id,
            customer_id,
            currency,
            lines,
            OrderStatus.PENDING_PAYMENT,
            Payment(),
            1,
            now,
            now,
        )
        order.events.append(OrderPlaced(order.tenant_id, order.id, order.total_minor, currency))
        return order

    @property
    def total_minor(self) -> int:
        return sum(line.line_total_minor for line in self.lines)

    @property
    def payment_in_doubt(self) -> bool:
        return self.payment.attempts > 0 and self.payment.failure_code == GATEWAY_SILENT

    @property
    def holds_stock(self) -> bool:
        return self.status in HOLDS_STOCK

    def retry_payment(self) -> None:
        """A failed payment is retried: the order waits for payment again."""
        self._move(OrderStatus.PENDING_PAYMENT)
        self.payment = Payment("pending", None, None, self.payment.attempts)

    def start_payment_attempt(self) -> str:
        """Begin a charge attempt; returns the gateway idempotency key for it.

        Each attempt has its own key (``<order id>:<n>``): a replay of one attempt returns
        its first result, while a retry after a decline is a new charge. An attempt whose
        outcome is unknown (the gateway fell silent) is retried under the same key, so a
        charge that did go through is returned instead of being taken twice.
        """
        if self.status is not OrderStatus.PENDING_PAYMENT:
            raise InvalidTransition(self.status, OrderStatus.PAID)
        if not self.payment_in_doubt:
            self.payment.attempts += 1
        return f"{self.id}:{self.payment.attempts}"

    def mark_paid(self, reference: str) -> None:
        self._move(OrderStatus.PAID)
        self.payment = Payment("succeeded", reference, None, self.payment.attempts)
        self.events.append(OrderPaid(self.tenant_id, self.id, self.total_minor, self.currency))

    def mark_payment_failed(self, reference: str | None, failure_code: str) -> None:
        self._move(OrderStatus.PAYMENT_FAILED)
        self.payment = Payment("failed", reference, failure_code, self.payment.attempts)
        self.events.append(OrderPaymentFailed(self.tenant_id, self.id, failure_code))

    def take_events(self) -> list[DomainEvent]:
        events, self.events = self.events, []
        return events

    def mark_payment_pending(self) -> None:
        """The gateway did not answer: the order and its reservation stay as they are."""
        self.payment = Payment("pending", None, GATEWAY_SILENT, self.payment.attempts)
        self.version += 1
        self.updated_at = utc_now()

    def fulfil(self) -> None:
        self._move(OrderStatus.FULFILLED)
        self.events.append(OrderFulfilled(self.tenant_id, self.id))

    def cancel(self) -> None:
        """Cancel an unpaid order (its reservation is released by the caller)."""
        self._move(OrderStatus.CANCELLED)
        self.events.append(OrderCancelled(self.tenant_id, self.id))

    def refund(self) -> None:
        """Cancel a paid order after the gateway refunded it."""
        self._move(OrderStatus.REFUNDED)
        self.payment = Payment("refunded", self.payment.reference, None, self.payment.attempts)
        self.events.append(OrderRefunded(self.tenant_id, self.id, self.total_minor, self.currency))

    def _move(self, target: OrderStatus) -> None:
        if target not in _ALLOWED[self.status]:
            raise InvalidTransition(self.status, target)
        self.status = target
        self.version += 1
        self.updated_at = utc_now()
