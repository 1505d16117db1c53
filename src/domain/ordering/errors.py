"""Errors of the ordering context."""

from __future__ import annotations

from uuid import UUID

from domain.shared.errors import AppError, Conflict, NotFound, ServiceUnavailable


class OrderNotFound(NotFound):
    default_detail = "The order was not found."


class OutOfStock(Conflict):
    pass


class PaymentDeclined(AppError):
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


class ConcurrentChange(Conflict):
    default_detail = "The order was changed by another request at the same time; reload it."
