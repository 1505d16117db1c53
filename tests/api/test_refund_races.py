"""Cancelling a paid order while something else changes it, on a real server with real
concurrency: the refund intent is recorded before the money moves, so money is refunded
exactly when the order ends ``refunded``, and its stock comes back exactly once."""

from __future__ import annotations

import asyncio
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


async def test_a_fulfilment_racing_a_refund_never_leaves_money_refunded_on_a_live_order(
    database: DatabaseUnderTest,
) -> None:
    settings = app_settings(database, db_pool_size=4, sandbox_latency_ms=GATEWAY_LATENCY_MS)
    try:
        async with live_client(settings) as client:
            acme, pen, url = await _paid_order(client)
            cancel = asyncio.create_task(client.post(f"{url}/cancel", headers=acme.headers))
            await asyncio.sleep(0.3)  # the cancellation is now waiting on the gateway
            fulfil = await client.post(f"{url}/fulfil", headers=acme.headers)
            cancelled = await cancel
            final = (await client.get(url, headers=acme.headers)).json()
            stock = await stock_of(client, acme, pen)
        refunds = await _refunded_charges(database, acme.tenant_id)
    finally:
        await truncate_all(database.owner)
    assert sorted([fulfil.status_code, cancelled.status_code]) == [200, 409]
    if final["status"] == "refunded":
        assert (refunds, stock, fulfil.status_code) == (1, 5, 409)
        assert "refund_pending" in fulfil.json()["detail"]
    else:
        assert (final["status"], refunds, stock) == ("fulfilled", 0, 3)


async def test_two_concurrent_cancellations_refund_once_and_restock_once(
    database: DatabaseUnderTest,
) -> None:
    settings = app_settings(database, db_pool_size=4, sandbox_latency_ms=GATEWAY_LATENCY_MS)
    try:
        async with live_client(settings) as client:
            acme, pen, url = await _paid_order(client)
            first = asyncio.create_task(client.post(f"{url}/cancel", headers=acme.headers))
            await asyncio.sleep(0.3)  # the first has recorded refund_pending
            second = await client.post(f"{url}/cancel", headers=acme.headers)
            responses = [await first, second]
            final = (await client.get(url, headers=acme.headers)).json()
            stock = await stock_of(client, acme, pen)
        refunds = await _refunded_charges(database, acme.tenant_id)
    finally:
        await truncate_all(database.owner)
    assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
    assert all(r.json()["status"] == "refunded" for r in responses)
    assert (final["status"], final["payment"]["status"]) == ("refunded", "refunded")
    assert (refunds, stock) == (1, 5)
