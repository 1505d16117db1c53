"""A committed event wakes the relay at once: its transaction notifies the outbox channel
with its tenant's id (nothing else), on the server the app is connected to (on Citus: the
coordinator, never a worker holding the shard)."""

from __future__ import annotations

import asyncio

import asyncpg

from infrastructure.events.outbox import OUTBOX_CHANNEL
from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up
from tests.database import DatabaseUnderTest


async def _heard(got: list[str], wanted: str) -> bool:
    for _ in range(50):
        if wanted in got:
            return True
        await asyncio.sleep(0.1)
    return False


async def test_a_placed_order_notifies_the_outbox_channel_with_its_tenant(
    client: Client, database: DatabaseUnderTest
) -> None:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    listener = await asyncpg.connect(database.urls.runtime)
    got: list[str] = []
    await listener.add_listener(OUTBOX_CHANNEL, lambda *args: got.append(str(args[3])))
    try:
        customer = await make_customer(client, globex)
        pen = await make_product(client, globex, "PEN", stock=5)
        placed = await place(client, globex, order_body(customer, (pen, 1)))
        assert placed.status_code == 201, placed.text
        assert await _heard(got, globex.tenant_id), got
        assert acme.tenant_id not in got
        customer = await make_customer(client, acme, "buyer@acme.test")
        ink = await make_product(client, acme, "INK", stock=5)
        placed = await place(client, acme, order_body(customer, (ink, 1)))
        assert placed.status_code == 201, placed.text
        assert await _heard(got, acme.tenant_id), got
        assert set(got) == {acme.tenant_id, globex.tenant_id}
    finally:
        await listener.close()
