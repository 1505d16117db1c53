"""The ``sandbox`` payment gateway, ordering's ``PaymentGateway``: a real provider's test
mode, with its own records.

Tokens: ``tok_visa`` / ``tok_mastercard`` succeed; ``tok_declined`` declines with
``card_declined``; ``tok_insufficient_funds`` with ``insufficient_funds``; ``tok_timeout``
waits past the timeout and ``tok_unavailable`` fails at once, both as network faults; any
other token declines with ``invalid_token``. A replayed idempotency key returns the first
result: a charge is one ``INSERT ... ON CONFLICT DO NOTHING``, and only a used key (or one
whose concurrent first use committed meanwhile) reads its first result. A refund is made
once per charge, and a replay of its idempotency key succeeds without refunding again.
Charges and refunds are stored per tenant (``sandbox_charges``), under row-level security
like every tenant table.
"""

from __future__ import annotations

import asyncio
import secrets
from uuid import UUID

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.ordering.errors import GatewayUnavailable, RefundRejected
from domain.ordering.ports import ChargeRequest, ChargeResult
from domain.shared.clock import utc_now
from domain.shared.ids import new_id
from infrastructure.database.tenant_scope import TENANT_INFO_KEY
from infrastructure.payments.orm import SandboxChargeRow as Charge

_SUCCEEDING = frozenset({"tok_visa", "tok_mastercard"})
_DECLINES = {"tok_declined": "card_declined", "tok_insufficient_funds": "insufficient_funds"}
_CHARGE = text("""
INSERT INTO sandbox_charges (tenant_id, id, idempotency_key, reference, token, amount_minor,
                             currency, status, failure_code)
VALUES (:tenant_id, :id, :key, :reference, :token, :amount, :currency, :status, :failure_code)
ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
RETURNING status, reference, failure_code
""")
"""A new key's charge, in one statement (no read first); a used key's returns no row."""
_FIRST = text(
    "SELECT status, reference, failure_code FROM sandbox_charges"
    " WHERE tenant_id = :tenant_id AND idempotency_key = :key"
)


class SandboxPaymentGateway:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        latency_seconds: float = 0.0,
        timeout_seconds: float = 2.0,
    ) -> None:
        self._sessions = sessions
        self._latency = latency_seconds
        self._timeout = timeout_seconds

    async def charge(self, request: ChargeRequest) -> ChargeResult:
        await asyncio.sleep(self._latency)
        if request.token == "tok_unavailable":
            raise GatewayUnavailable()
        if request.token == "tok_timeout":
            await asyncio.sleep(self._timeout)
            raise GatewayUnavailable("The payment provider timed out; the order is kept.")
        async with self._sessions(info={TENANT_INFO_KEY: request.tenant_id}) as session:
            async with session.begin():
                return await self._charge_once(session, request)

    async def _charge_once(self, session: AsyncSession, request: ChargeRequest) -> ChargeResult:
        """Record the charge, unless its key has one: then that first result."""
        failure = (
            None if request.token in _SUCCEEDING else _DECLINES.get(request.token, "invalid_token")
        )
        key = {"tenant_id": request.tenant_id, "key": request.idempotency_key}
        charged = await session.execute(
            _CHARGE,
            {
                **key,
                "id": new_id(),
                "reference": f"ch_{secrets.token_hex(12)}",
                "token": request.token[:64],
                "amount": request.amount_minor,
                "currency": request.currency,
                "status": "declined" if failure else "succeeded",
                "failure_code": failure,
            },
        )
        first = charged.first() or (await session.execute(_FIRST, key)).one()
        return ChargeResult(first.status == "succeeded", first.reference, first.failure_code)

    async def refund(self, tenant_id: UUID, reference: str, idempotency_key: str) -> None:
        await asyncio.sleep(self._latency)
        async with self._sessions(info={TENANT_INFO_KEY: tenant_id}) as session:
            async with session.begin():
                charge = await session.scalar(
                    select(Charge)
                    .where(
                        Charge.tenant_id == tenant_id,
                        Charge.reference == reference,
                        Charge.status == "succeeded",
                    )
                    .with_for_update()
                )
                if charge is None:
                    raise RefundRejected(f"The provider has no refundable charge {reference}.")
                if charge.refund_key is None:
                    charge.refund_key = idempotency_key
                    charge.refunded_at = charge.updated_at = utc_now()
                elif charge.refund_key != idempotency_key:
                    raise RefundRejected(f"The charge {reference} was refunded under another key.")
