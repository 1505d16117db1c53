"""Notifications: events relayed by the worker mail customers through a real SMTP server
on loopback, once each; SMTP down retries, then dead-letters, and never touches the order."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import pytest

from infrastructure.settings import Settings
from infrastructure.settings_sections import EventSettings, SmtpSettings
from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import PASSWORD, Account, add_user, sign_up
from tests.database import DatabaseUnderTest
from tests.mail import body_of, free_port, smtp_server
from tests.relay import relay_after_backoff, relay_until_idle


def mail_settings(database: DatabaseUnderTest, port: int, attempts: int = 3) -> Settings:
    smtp = SmtpSettings(channel="smtp", host="127.0.0.1", port=port, security="none")
    events = EventSettings(max_attempts=attempts, retry_base_ms=1)
    return replace(app_settings(database), smtp=smtp, events=events)


async def notifications(client: Client, account: Account, query: str = "") -> list[dict[str, Any]]:
    response = await client.get(f"/api/v1/notifications{query}", headers=account.headers)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def test_paid_and_declined_orders_mail_their_customers_once_each(
    client: Client, database: DatabaseUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", price=1250, stock=5)
    ink = await make_product(client, globex, "INK", price=300, stock=5)
    carla = await make_customer(client, acme, "carla@example.test")
    gus = await make_customer(client, globex, "gus@example.test")
    caplog.set_level(logging.DEBUG)
    assert (await place(client, acme, order_body(carla, (pen, 2)))).status_code == 201
    declined = await place(client, globex, order_body(gus, (ink, 1), token="tok_declined"))
    assert declined.status_code == 402

    with smtp_server() as (inbox, port):
        assert await relay_until_idle(mail_settings(database, port)) >= 4
        assert await relay_until_idle(mail_settings(database, port)) == 0

    [paid] = inbox.to("carla@example.test")
    [failed] = inbox.to("gus@example.test")
    assert len(inbox.messages) == 2
    assert "is confirmed" in paid["Subject"] and "25.00 EUR" in body_of(paid, "plain")
    assert "Total: 25.00 EUR" in body_of(paid, "html")
    assert "did not go through" in failed["Subject"] and "card_declined" in body_of(failed, "plain")
    [mine] = await notifications(client, acme)
    assert (mine["recipient"], mine["template"], mine["status"]) == (
        "carla@example.test",
        "order_paid",
        "sent",
    )
    assert [n["template"] for n in await notifications(client, globex)] == ["payment_failed"]
    secrets = ("carla@example.test", "gus@example.test", PASSWORD, acme.access_token)
    ours = [r for r in caplog.records if not r.name.startswith("mail.")]  # not the receiver's
    assert not [r.getMessage() for r in ours if any(s in r.getMessage() for s in secrets)]


async def test_smtp_down_retries_then_dead_letters_and_a_retry_delivers(
    client: Client, database: DatabaseUnderTest
) -> None:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", price=500, stock=5)
    carla = await make_customer(client, acme, "carla@example.test")
    placed = await place(client, acme, order_body(carla, (pen, 1)))
    port = free_port()  # nothing listens here: SMTP is down
    down = mail_settings(database, port, attempts=2)

    await relay_until_idle(down, passes=1)
    [first] = await notifications(client, acme)
    assert (first["status"], first["attempts"]) == ("failed", 1)
    await relay_after_backoff(down)
    [dead] = await notifications(client, acme, "?status=dead")
    assert dead["attempts"] == 2 and f"127.0.0.1:{port}" in dead["last_error"]

    letters = await client.get("/api/v1/events/dead-letters", headers=acme.headers)
    [letter] = letters.json()["items"]
    assert (letter["event_type"], letter["attempts"]) == ("order.paid", 2)
    order = await client.get(f"/api/v1/orders/{placed.json()['id']}", headers=acme.headers)
    assert order.json()["status"] == "paid"
    other = await client.get("/api/v1/events/dead-letters", headers=globex.headers)
    assert other.json()["items"] == []
    retry = f"/api/v1/events/dead-letters/{letter['id']}/retry"
    assert (await client.post(retry, headers=globex.headers)).status_code == 404

    with smtp_server(port) as (inbox, _):
        assert (await client.post(retry, headers=acme.headers)).status_code == 202
        await relay_until_idle(down)
    assert [m["To"] for m in inbox.messages] == ["carla@example.test"]
    [sent] = await notifications(client, acme)
    assert (sent["status"], sent["attempts"], sent["last_error"]) == ("sent", 3, None)
    letters = await client.get("/api/v1/events/dead-letters", headers=acme.headers)
    assert letters.json()["total"] == 0


async def test_members_see_neither_notifications_nor_dead_letters(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    member = await add_user(client, acme, "m@acme.test", "member")
    for path in ("/api/v1/notifications", "/api/v1/events/dead-letters"):
        response = await client.get(path, headers=member.headers)
        assert response.status_code == 403, path
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_refunded_order_sends_the_refund_note_after_the_confirmation(
    client: Client, database: DatabaseUnderTest
) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", price=999, stock=5)
    carla = await make_customer(client, acme, "carla@example.test")
    order = (await place(client, acme, order_body(carla, (pen, 1)))).json()
    cancelled = await client.post(f"/api/v1/orders/{order['id']}/cancel", headers=acme.headers)
    assert cancelled.json()["status"] == "refunded"

    with smtp_server() as (inbox, port):
        await relay_until_idle(mail_settings(database, port))
    subjects = sorted(m["Subject"] for m in inbox.to("carla@example.test"))
    assert subjects == [f"Order {order['id']} is confirmed", f"Order {order['id']} is refunded"]
    [refund] = [m for m in inbox.messages if "refunded" in m["Subject"]]
    assert "9.99 EUR has been refunded" in body_of(refund, "plain")
    assert sorted(n["template"] for n in await notifications(client, acme)) == [
        "order_paid",
        "order_refunded",
    ]
