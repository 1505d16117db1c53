"""The payment gateway port: what a real provider adapter implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from domain.shared.errors import ServiceUnavailable


@dataclass(frozen=True, slots=True)
class ChargeRequest:
    tenant_id: UUID
    idempotency_key: str
    token: str
    amount_minor: int
    currency: str


@dataclass(frozen=True, slots=True)
class ChargeResult:
    succeeded: bool
    reference: str | None
    failure_code: str | None = None


class GatewayUnavailable(ServiceUnavailable):
    default_detail = "The payment provider did not answer; the order is kept for a retry."


class PaymentGateway(Protocol):
    async def charge(self, request: ChargeRequest) -> ChargeResult:
        """Charge once per idempotency key (a replay returns the first result); raise
        ``GatewayUnavailable`` on a network fault or timeout."""
        ...

    async def refund(self, tenant_id: UUID, reference: str, idempotency_key: str) -> None:
        """Refund a succeeded charge in full; raise ``GatewayUnavailable`` on a fault."""
        ...
