"""Cancelling a paid order while something else changes it, on a real server with real
concurrency: the refund intent is recorded before the money moves, so money is refunded
exactly when the order ends ``refunded``, and its stock comes back exactly once."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import asyncpg
import httpx

from infrastructure.database.tenant_scope import set_local_statement
from tests.api.commerce_helpers import make_customer, make_product, order_body, place, stock_of
from tests.api.conftest import app_settings
from tests.api.identity_helpers import Account, sign_up
from tests.api.live_server import live_client
from tests.database import DatabaseUnderTest, truncate_all

GATEWAY_LATENCY_MS = 1200


async def _refunded_charges(database: DatabaseUnderTest, tenant_id: str) -> int:
    """Charges the sandbox provider refunded for this tenant (read as the runtime role)."""
    connection = await asyncpg.connect(database.urls.runtime)
    try:
        async with connection.transaction():
            await connection.execute(set_local_statement(UUID(tenant_id)))
            count = await connection.fetchval(
                "SELECT count(*) FROM sandbox_charges WHERE refunded_at IS NOT NULL"
            )
    finally:
        await connection.close()
    return int(count)


async def _paid_order(client: httpx.AsyncClient) -> tuple[Account, dict[str, Any], str]:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=5)
    order = await place(client, acme, order_body(await make_customer(client, acme), (pen, 2)))
    assert order.status_code == 201, order.text
    return acme, pen, f"/api/v1/orders/{order.json()['id']}"


@dataclass(frozen=True)
class Race:
    cancelled: httpx.Response
    other: httpx.Response
    final: dict[str, Any]
    stock: int
    refunds: int


async def _race_a_cancellation(database: DatabaseUnderTest, other_action: str) -> Race:
    """Cancel a paid order (2 of 5 pens) and, while that cancellation waits on the gateway,
    POST ``other_action`` on the same order."""
    settings = app_settings(database, db_pool_size=4, sandbox_latency_ms=GATEWAY_LATENCY_MS)
    try:
        async with live_client(settings) as client:
            acme, pen, url = await _paid_order(client)
            cancel = asyncio.create_task(client.post(f"{url}/cancel", headers=acme.headers))
            await asyncio.sleep(0.3)  # the cancellation is now waiting on the gateway
            other = await client.post(f"{url}/{other_action}", headers=acme.headers)
            cancelled = await cancel
            final = (await client.get(url, headers=acme.headers)).json()
            stock = await stock_of(client, acme, pen)
        refunds = await _refunded_charges(database, acme.tenant_id)
    finally:
        await truncate_all(database.owner)
    return Race(cancelled, other, final, stock, refunds)


async def test_a_fulfilment_racing_a_refund_never_leaves_money_refunded_on_a_live_order(
    database: DatabaseUnderTest,
) -> None:
    race = await _race_a_cancellation(database, "fulfil")
    assert sorted([race.other.status_code, race.cancelled.status_code]) == [200, 409]
    if race.final["status"] == "refunded":
        assert (race.refunds, race.stock, race.other.status_code) == (1, 5, 409)
        assert "refund_pending" in race.other.json()["detail"]
    else:
        assert (race.final["status"], race.refunds, race.stock) == ("fulfilled", 0, 3)


async def test_two_concurrent_cancellations_refund_once_and_restock_once(
    database: DatabaseUnderTest,
) -> None:
    race = await _race_a_cancellation(database, "cancel")
    responses = [race.cancelled, race.other]
    assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
    assert all(r.json()["status"] == "refunded" for r in responses)
    assert (race.final["status"], race.final["payment"]["status"]) == ("refunded", "refunded")
    assert (race.refunds, race.stock) == (1, 5)
