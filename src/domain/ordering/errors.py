"""Errors of the ordering context."""

from __future__ import annotations

from uuid import UUID

from domain.ordering.status import OrderStatus
from domain.shared.errors import Conflict, NotFound, PaymentRequired, ServiceUnavailable


class OrderNotFound(NotFound):
    default_detail = "The order was not found."


class BuyerNotFound(NotFound):
    default_detail = "The customer was not found."


class InvalidTransition(Conflict):
    def __init__(self, current: OrderStatus, target: OrderStatus) -> None:
        super().__init__(f"An order in state {current.value} cannot become {target.value}.")
        self.current = current
        self.target = target


class OutOfStock(Conflict):
    pass


class ConcurrentChange(Conflict):
    default_detail = "The order was changed by another request at the same time; reload it."


class GatewayUnavailable(ServiceUnavailable):
    """The payment provider did not answer (network fault or timeout)."""

    default_detail = "The payment provider did not answer; the order is kept for a retry."


class PaymentDeclined(PaymentRequired):
    """The charge was declined; the order exists, as ``payment_failed``."""

    def __init__(self, order_id: UUID, failure_code: str) -> None:  # noqa: B042
        super().__init__(f"The payment was declined ({failure_code}).", order_id, failure_code)
        self.order_id = order_id
        self.failure_code = failure_code

    def extensions(self) -> dict[str, str]:
        return {"order_id": str(self.order_id), "failure_code": self.failure_code}


class PaymentPending(ServiceUnavailable):
    """The gateway did not answer; the order stays ``pending_payment`` with its stock."""

    def __init__(self, order_id: UUID, retry_after_seconds: int = 30) -> None:  # noqa: B042
        super().__init__(
            "The payment provider did not answer. The order is kept with its stock reserved; "
            "retry the payment, or cancel the order.",
            retry_after_seconds,
        )
        self.order_id = order_id

    def extensions(self) -> dict[str, str]:
        return {"order_id": str(self.order_id)}


class RefundRejected(Conflict):
    """The payment provider refused the refund (no such charge, or refunded under another
    key): retrying will not help; the order stays ``refund_pending`` for an operator."""


class RefundPending(ServiceUnavailable):
    """The gateway did not confirm the refund; the order stays ``refund_pending``."""

    def __init__(self, order_id: UUID, retry_after_seconds: int = 30) -> None:  # noqa: B042
        super().__init__(
            "The payment provider did not confirm the refund. The order is kept as "
            "refund_pending; cancel it again to retry (the sweep also completes it).",
            retry_after_seconds,
        )
        self.order_id = order_id

    def extensions(self) -> dict[str, str]:
        return {"order_id": str(self.order_id)}
