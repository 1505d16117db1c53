"""The relay's budget, counted on the wire with two tenants: the worker's loop, from its
wake-up to its next sleep, delivers one paid order's two events (``order.placed`` to the
webhook fan-out; ``order.paid`` to the fan-out and to the customer's e-mail, sent through a
real SMTP server on loopback) in exactly ``RELAY_BUDGET`` statements, each one round trip
once prepared, every handler in a transaction of its own scoped to the order's tenant."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any

from application.events.relay_outbox import RelayOutbox
from infrastructure.database.listener import PgListener
from infrastructure.events.relay_loop import RelayLoop
from infrastructure.settings import Settings
from infrastructure.settings_sections import SmtpSettings
from interface.composition.worker import worker_container
from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import Account, sign_up
from tests.api.wire import Wire, transactions
from tests.database import DatabaseUnderTest
from tests.mail import smtp_server

RELAY_BUDGET = 20
"""What is due and the next retry (1, autocommit); the claim's transaction: BEGIN, the
claim with its wake-ups, both events done in one statement, COMMIT (4); the fan-out of
each event: BEGIN, its processed mark, the tenant's webhooks, COMMIT (4 + 4); the e-mail:
BEGIN, mark, order, buyer, notification, the notification written as sent, COMMIT (7).
Then the loop sleeps: nothing can be due that no notification announces. Was 31 before
issue 13's relay slice (a transaction each for what is due and the next retry, the
wake-ups consumed apart, a done per event, the notification inserted then updated, and
an empty pass after every busy one)."""


class SleepEnds(PgListener):
    """Instead of listening: the loop's first sleep ends it (one wake-up, counted)."""

    def __init__(self) -> None:
        super().__init__("", "")

    async def connect(self) -> None:
        return None

    async def wait(self, seconds: float, stop: asyncio.Event) -> None:
        stop.set()

    async def close(self) -> None:
        return None


async def _wake_once(relay: RelayOutbox) -> None:
    """What the worker does when notified: relay until nothing is due, then sleep."""
    await RelayLoop(relay, SleepEnds(), timedelta(seconds=30)).run(asyncio.Event())


def _settings(database: DatabaseUnderTest, port: int) -> Settings:
    smtp = SmtpSettings(channel="smtp", host="127.0.0.1", port=port, security="none")
    return replace(app_settings(database), smtp=smtp)


async def _shop(client: Client) -> tuple[Account, Account, dict[str, Any], dict[str, Any]]:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=50)
    carla = await make_customer(client, acme, "carla@example.test")
    ink = await make_product(client, globex, "PEN", stock=50)  # the other tenant's same SKU
    gus = await make_customer(client, globex, "gus@example.test")
    for account, customer, product in ((acme, carla, pen), (globex, gus, ink)):
        placed = await place(client, account, order_body(customer, (product, 1)))
        assert placed.status_code == 201, placed.text
    return acme, globex, carla, pen


def _handler_runs(sent: list[str]) -> list[list[str]]:
    return [run for run in transactions(sent) if any("processed_events" in q for q in run)]


async def test_one_paid_order_is_relayed_within_the_budget_in_its_tenant(
    wire: Wire, client: Client, database: DatabaseUnderTest
) -> None:
    acme, globex, carla, pen = await _shop(client)
    with smtp_server() as (inbox, port):
        async with worker_container(_settings(database, port)) as container:
            relay = await container.get(RelayOutbox)
            await _wake_once(relay)  # both tenants' first orders; prepares the statements
            assert sorted(m["To"] for m in inbox.messages) == [
                "carla@example.test",
                "gus@example.test",
            ]
            placed = await place(client, acme, order_body(carla, (pen, 2)))
            assert placed.status_code == 201 and placed.json()["status"] == "paid"
            await wire.settle()
            wire.clear()
            await _wake_once(relay)
            sent = await wire.settle()
    [mail] = inbox.messages[2:]
    assert mail["To"] == "carla@example.test" and placed.json()["id"] in mail["Subject"]
    handlers = _handler_runs(sent)
    assert [run[-1] for run in handlers] == ["COMMIT;"] * 3, handlers
    assert all(acme.tenant_id in run[0] and "SET LOCAL" in run[0] for run in handlers), handlers
    assert not any(globex.tenant_id in q for q in sent)
    assert len(sent) == RELAY_BUDGET, "\n".join(sent)
    relayed = await client.get("/api/v1/events/dead-letters", headers=acme.headers)
    assert relayed.json()["items"] == []
    async with worker_container(_settings(database, port)) as container:
        assert (await (await container.get(RelayOutbox)).run_once(lambda: False)).settled == 0
