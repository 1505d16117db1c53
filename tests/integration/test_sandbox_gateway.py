"""The sandbox gateway keeps real, tenant-scoped records: replays and refunds are real."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity.tenant import Tenant
from domain.ordering.errors import GatewayUnavailable, RefundRejected
from domain.ordering.ports import ChargeRequest
from infrastructure.database.tenant_scope import TENANT_INFO_KEY
from infrastructure.payments.orm import SandboxChargeRow
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


async def test_a_key_charged_concurrently_returns_the_first_use_once_it_commits(
    sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant, tenant_b: Tenant
) -> None:
    gateway = SandboxPaymentGateway(sessions)
    async with sessions(info={TENANT_INFO_KEY: tenant_a.id}) as session, session.begin():
        first = SandboxChargeRow(
            tenant_id=tenant_a.id,
            idempotency_key="order-4:1",
            reference="ch_first_use",
            token="tok_declined",
            amount_minor=1250,
            currency="EUR",
            status="declined",
            failure_code="card_declined",
        )
        session.add(first)
        await session.flush()  # the first use's charge, not committed yet
        second = asyncio.create_task(gateway.charge(_request(tenant_a, "order-4:1", "tok_visa")))
        await asyncio.sleep(0.3)
        assert not second.done(), "the second use waits for the first to end"
    replay = await second
    assert (replay.succeeded, replay.reference, replay.failure_code) == (
        False,
        "ch_first_use",
        "card_declined",
    )
    other_tenant = await gateway.charge(_request(tenant_b, "order-4:1", "tok_visa"))
    assert other_tenant.succeeded and other_tenant.reference != "ch_first_use"


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
