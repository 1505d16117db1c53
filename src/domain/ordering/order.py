"""The order aggregate: its lines, its payment, and the transitions of its state machine
(``domain.ordering.status``). Every transition bumps ``version`` and records one event;
repositories persist it as a compare-and-set on (id, tenant, previous status, previous
version).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.ordering.errors import InvalidTransition
from domain.ordering.events import (
    OrderCancelled,
    OrderFulfilled,
    OrderPaid,
    OrderPaymentFailed,
    OrderPaymentRetried,
    OrderPlaced,
    OrderRefunded,
    OrderRefundRequested,
)
from domain.ordering.status import ALLOWED, HOLDS_STOCK, OrderStatus, PaymentStatus
from domain.shared.clock import utc_now
from domain.shared.events import DomainEvent
from domain.shared.ids import new_id

GATEWAY_SILENT = "gateway_unavailable"


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
    status: str = PaymentStatus.PENDING
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
        cls,
        tenant_id: UUID,
        customer_id: UUID,
        currency: str,
        lines: list[OrderLine],
        order_id: UUID | None = None,
    ) -> Order:
        """A new order, ``pending_payment``; ``order_id`` when its id was chosen before
        (an idempotency key names it as its recovery point before it exists)."""
        now = utc_now()
        order = cls(
            order_id or new_id(),
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

    @property
    def refund_key(self) -> str:
        """The gateway idempotency key of this order's refund: one refund per order."""
        return f"{self.id}:refund"

    def take_events(self) -> list[DomainEvent]:
        events, self.events = self.events, []
        return events

    def retry_payment(self) -> None:
        """A failed payment is retried: the order waits for payment again."""
        self._move(OrderStatus.PENDING_PAYMENT)
        self.payment = Payment(PaymentStatus.PENDING, None, None, self.payment.attempts)
        self.events.append(OrderPaymentRetried(self.tenant_id, self.id))

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
        self.payment = Payment(PaymentStatus.SUCCEEDED, reference, None, self.payment.attempts)
        self.events.append(OrderPaid(self.tenant_id, self.id, self.total_minor, self.currency))

    def mark_payment_failed(self, reference: str | None, failure_code: str) -> None:
        self._move(OrderStatus.PAYMENT_FAILED)
        self.payment = Payment(PaymentStatus.FAILED, reference, failure_code, self.payment.attempts)
        self.events.append(OrderPaymentFailed(self.tenant_id, self.id, failure_code))

    def mark_payment_pending(self) -> None:
        """The gateway did not answer: the order and its reservation stay as they are."""
        self.payment = Payment(PaymentStatus.PENDING, None, GATEWAY_SILENT, self.payment.attempts)
        self.version += 1
        self.updated_at = utc_now()

    def fulfil(self) -> None:
        self._move(OrderStatus.FULFILLED)
        self.events.append(OrderFulfilled(self.tenant_id, self.id))

    def cancel(self) -> None:
        """Cancel an unpaid order (its reservation is released by the caller)."""
        self._move(OrderStatus.CANCELLED)
        self.events.append(OrderCancelled(self.tenant_id, self.id))

    def request_refund(self) -> None:
        """Cancel a paid order, first step: record the intent before any money moves."""
        self._move(OrderStatus.REFUND_PENDING)
        self.events.append(
            OrderRefundRequested(self.tenant_id, self.id, self.total_minor, self.currency)
        )

    def complete_refund(self) -> None:
        """The gateway refunded the payment (its stock is restored by the caller)."""
        self._move(OrderStatus.REFUNDED)
        self.payment = Payment(
            PaymentStatus.REFUNDED, self.payment.reference, None, self.payment.attempts
        )
        self.events.append(OrderRefunded(self.tenant_id, self.id, self.total_minor, self.currency))

    def _move(self, target: OrderStatus) -> None:
        if target not in ALLOWED[self.status]:
            raise InvalidTransition(self.status, target)
        self.status = target
        self.version += 1
        self.updated_at = utc_now()
