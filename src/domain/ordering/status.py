"""The order's states and the transitions between them.

```
pending_payment --pay--> paid --fulfil--> fulfilled
pending_payment --decline--> payment_failed            (stock released)
payment_failed --retry--> pending_payment               (stock reserved again)
pending_payment | payment_failed --cancel--> cancelled  (a pending order's stock released)
paid --cancel--> refund_pending --refunded--> refunded  (stock restored when refunded)
```
"""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    PAYMENT_FAILED = "payment_failed"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"
    REFUND_PENDING = "refund_pending"
    REFUNDED = "refunded"


ALLOWED: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.PENDING_PAYMENT: frozenset(
        {OrderStatus.PAID, OrderStatus.PAYMENT_FAILED, OrderStatus.CANCELLED}
    ),
    OrderStatus.PAYMENT_FAILED: frozenset({OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED}),
    OrderStatus.PAID: frozenset({OrderStatus.FULFILLED, OrderStatus.REFUND_PENDING}),
    OrderStatus.REFUND_PENDING: frozenset({OrderStatus.REFUNDED}),
    OrderStatus.FULFILLED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.REFUNDED: frozenset(),
}

HOLDS_STOCK = frozenset({OrderStatus.PENDING_PAYMENT})
"""The state whose stock reservation is in place (a failed payment releases it)."""


class PaymentStatus(StrEnum):
    """Where an order's payment stands: ``pending`` until the gateway answers (or while it
    is silent), then ``succeeded`` or ``failed``; ``refunded`` after a paid order's refund."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    REFUNDED = "refunded"
