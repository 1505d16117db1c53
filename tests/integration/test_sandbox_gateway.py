"""The sandbox gateway keeps real, tenant-scoped records: replays and refunds are real."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity.tenant import Tenant
from domain.ordering.errors import GatewayUnavailable, RefundRejected
from domain.ordering.ports import ChargeRequest
from infrastructure.payments.sandbox import SandboxPaymentGateway


def _request(tenant: Tenant, key: str, token: str) -> ChargeRequest:
    return ChargeRequest(tenant.id, key, token, 1250, "EUR")


async def test_a_replayed_key_returns_the_first_result(
    sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant, tenant_b: Tenant
) -> None:
    gateway = SandboxPaymentGateway(sessions)
    declined = await gateway.charge(_request(tenant_a, "order-1:1", "tok_declined"))
    replay = await gateway.charge(_request(tenant_a, "order-1:1", "tok_visa"))
    assert (declined.succeeded, declined.failure_code) == (False, "card_declined")
    assert replay == declined
    other_tenant = await gateway.charge(_request(tenant_b, "order-1:1", "tok_visa"))
    assert other_tenant.succeeded and other_tenant.reference != declined.reference


async def test_refunds_are_recorded_and_scoped_to_the_tenant(
    sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant, tenant_b: Tenant
) -> None:
    gateway = SandboxPaymentGateway(sessions)
    paid = await gateway.charge(_request(tenant_a, "order-2:1", "tok_visa"))
    assert paid.reference is not None
    with pytest.raises(RefundRejected):
        await gateway.refund(tenant_b.id, paid.reference, "order-2:refund")
    await gateway.refund(tenant_a.id, paid.reference, "order-2:refund")
    await gateway.refund(tenant_a.id, paid.reference, "order-2:refund")  # a replay: no-op
    with pytest.raises(RefundRejected):
        await gateway.refund(tenant_a.id, paid.reference, "another-key")


@pytest.mark.parametrize("token", ["tok_unavailable", "tok_timeout"])
async def test_network_faults_raise_and_record_nothing(
    sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant, tenant_b: Tenant, token: str
) -> None:
    gateway = SandboxPaymentGateway(sessions, timeout_seconds=0.05)
    with pytest.raises(GatewayUnavailable):
        await gateway.charge(_request(tenant_a, "order-3:1", token))
    after = await gateway.charge(_request(tenant_a, "order-3:1", "tok_visa"))
    assert after.succeeded, "the silent attempt left no record, so the key charges now"
