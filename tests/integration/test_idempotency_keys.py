"""The idempotency keys' statements on a real database, two tenants each with a user and the
same key: a claim goes ahead once, takes over an expired row or its own request's
unanswered one (keeping its recovery point), and otherwise answers what the key holds;
answers, interruptions and the purge touch only the transaction's tenant."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from uuid import UUID

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from application.idempotency.errors import KeyInProgress, KeyReused
from application.idempotency.ports import IdempotencyClaim, Recovered, Replay, StoredResponse
from domain.identity.tenant import Tenant
from domain.shared.clock import utc_now
from domain.shared.ids import new_id
from infrastructure.idempotency.repository import SqlaIdempotencyKeys
from tests.integration.test_tenant_isolation import add_user
from tests.scopes import in_tenant

Sessions = async_sessionmaker[AsyncSession]
KEY = "order-key-1"
ANSWER = StoredResponse(201, b'{"id": "x"}', (("etag", '"1"'), ("location", "/orders/x")))


async def _claim(sessions: Sessions, tenant: Tenant, claim: IdempotencyClaim) -> Replay | None:
    async with in_tenant(sessions, tenant) as db:
        replay = await SqlaIdempotencyKeys(db.db).claim(claim)
        await db.commit()
    return replay


async def _claims(sessions: Sessions, tenant: Tenant) -> IdempotencyClaim:
    user = await add_user(sessions, tenant, "buyer@example.test")
    return IdempotencyClaim(user.id, KEY, "fingerprint-1", utc_now() + timedelta(hours=1))


async def _recovery_point(sessions: Sessions, tenant: Tenant) -> UUID | None:
    async with in_tenant(sessions, tenant) as db:
        found = await db.session.scalar(
            text("SELECT recovery_point FROM idempotency_keys WHERE tenant_id = :t AND key = :k"),
            {"t": tenant.id, "k": KEY},
        )
    return None if found is None else UUID(str(found))


async def _keys(sessions: Sessions, tenant: Tenant) -> int:
    async with in_tenant(sessions, tenant) as db:
        count = await db.session.scalar(text("SELECT count(*) FROM idempotency_keys"))
    return int(count or 0)


async def test_a_key_goes_ahead_once_per_tenant_then_answers_what_it_holds(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    mine, theirs = await _claims(sessions, tenant_a), await _claims(sessions, tenant_b)
    assert await _claim(sessions, tenant_a, replace(mine, resource_id=new_id())) is None
    assert await _claim(sessions, tenant_b, replace(theirs, resource_id=new_id())) is None
    with pytest.raises(KeyInProgress):
        await _claim(sessions, tenant_a, replace(mine, resource_id=new_id()))
    async with in_tenant(sessions, tenant_a) as db:
        await SqlaIdempotencyKeys(db.db).complete(mine.user_id, KEY, ANSWER)
        await db.commit()
    assert await _claim(sessions, tenant_a, replace(mine, resource_id=new_id())) == ANSWER
    with pytest.raises(KeyReused):
        await _claim(sessions, tenant_a, replace(mine, fingerprint="another body"))
    with pytest.raises(KeyInProgress):  # the other tenant's key was not answered
        await _claim(sessions, tenant_b, replace(theirs, resource_id=new_id()))


async def test_answering_its_own_claim_takes_it_over_and_keeps_the_recovery_point(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    mine, theirs = await _claims(sessions, tenant_a), await _claims(sessions, tenant_b)
    order_id = new_id()
    assert await _claim(sessions, tenant_a, replace(mine, resource_id=order_id)) is None
    assert await _claim(sessions, tenant_b, replace(theirs, resource_id=order_id)) is None
    answered = replace(mine, resource_id=order_id, response=ANSWER)
    assert await _claim(sessions, tenant_a, answered) is None
    assert await _recovery_point(sessions, tenant_a) == order_id
    assert await _claim(sessions, tenant_a, replace(mine, resource_id=new_id())) == ANSWER
    with pytest.raises(KeyInProgress):
        await _claim(sessions, tenant_b, replace(theirs, resource_id=new_id()))


async def test_an_expired_key_is_claimed_afresh_in_its_tenant_only(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    mine, theirs = await _claims(sessions, tenant_a), await _claims(sessions, tenant_b)
    expired = replace(mine, expires_at=utc_now() - timedelta(seconds=1), resource_id=new_id())
    assert await _claim(sessions, tenant_a, expired) is None
    assert await _claim(sessions, tenant_b, replace(theirs, resource_id=new_id())) is None
    fresh_order = new_id()
    other_body = replace(mine, fingerprint="another body", resource_id=fresh_order)
    assert await _claim(sessions, tenant_a, other_body) is None
    assert await _recovery_point(sessions, tenant_a) == fresh_order
    with pytest.raises(KeyInProgress):
        await _claim(sessions, tenant_b, replace(theirs, resource_id=new_id()))


async def test_an_interrupted_claim_recovers_its_resource_in_its_tenant_only(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    mine, theirs = await _claims(sessions, tenant_a), await _claims(sessions, tenant_b)
    order_id, their_order = new_id(), new_id()
    assert await _claim(sessions, tenant_a, replace(mine, resource_id=order_id)) is None
    assert await _claim(sessions, tenant_b, replace(theirs, resource_id=their_order)) is None
    async with in_tenant(sessions, tenant_b) as db:
        await SqlaIdempotencyKeys(db.db).abandon(theirs.user_id, KEY, new_id())  # not its claim
        await SqlaIdempotencyKeys(db.db).abandon(mine.user_id, KEY, order_id)  # not its tenant's
        await db.commit()
    for tenant, claim in ((tenant_a, mine), (tenant_b, theirs)):
        with pytest.raises(KeyInProgress):
            await _claim(sessions, tenant, replace(claim, resource_id=new_id()))
    async with in_tenant(sessions, tenant_a) as db:
        await SqlaIdempotencyKeys(db.db).abandon(mine.user_id, KEY, order_id)
        await db.commit()
    recovered = await _claim(sessions, tenant_a, replace(mine, resource_id=new_id()))
    assert recovered == Recovered(order_id)
    with pytest.raises(KeyInProgress):
        await _claim(sessions, tenant_b, replace(theirs, resource_id=new_id()))


async def test_the_purge_deletes_the_expired_keys_of_its_tenant_only(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    mine, theirs = await _claims(sessions, tenant_a), await _claims(sessions, tenant_b)
    past = utc_now() - timedelta(seconds=1)
    assert await _claim(sessions, tenant_a, replace(mine, resource_id=new_id())) is None
    assert await _claim(sessions, tenant_b, replace(theirs, expires_at=past)) is None
    async with in_tenant(sessions, tenant_a) as db:
        assert await SqlaIdempotencyKeys(db.db).purge_expired(utc_now()) == 0
        await db.commit()
    async with in_tenant(sessions, tenant_b) as db:
        assert await SqlaIdempotencyKeys(db.db).purge_expired(utc_now()) == 1
        await db.commit()
    assert (await _keys(sessions, tenant_a), await _keys(sessions, tenant_b)) == (1, 0)
