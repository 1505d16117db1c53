"""Tenant webhooks end to end: a real HTTP receiver on loopback gets each subscribed event
of its own tenant only, signed per Standard Webhooks (checked with the independent
``standardwebhooks`` package); failures are logged, retried, dead-lettered, and a webhook
that keeps failing is switched off; a URL gone private is refused at delivery (the checks
at subscription are in test_webhook_subscriptions.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from litestar.testing import AsyncTestClient
from standardwebhooks import Webhook as Verifier

from infrastructure.settings_sections import WebhookSettings
from interface.composition.app import create_app
from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up
from tests.api.webhook_helpers import hook_settings, paid_order, subscribe, verified
from tests.database import DatabaseUnderTest, truncate_all
from tests.relay import relay_after_backoff, relay_until_idle
from tests.webhook_receiver import webhook_receiver


@pytest.fixture
async def loopback(database: DatabaseUnderTest) -> AsyncIterator[Client]:
    """The app with ``WEBHOOK_ALLOW_LOOPBACK`` on, as in development."""
    async with AsyncTestClient(app=create_app(hook_settings(database))) as test_client:
        yield test_client
    await truncate_all(database.owner)


async def test_each_tenant_receives_its_own_subscribed_events_signed(
    loopback: Client, database: DatabaseUnderTest
) -> None:
    acme, globex = await sign_up(loopback, "acme"), await sign_up(loopback, "globex")
    with webhook_receiver() as to_acme, webhook_receiver() as to_globex:
        mine = await subscribe(loopback, acme, to_acme.url, "order.placed", "order.paid")
        theirs = await subscribe(loopback, globex, to_globex.url, "order.paid")
        acme_order, globex_order = await paid_order(loopback, acme), await paid_order(
            loopback, globex
        )
        await relay_until_idle(hook_settings(database))
        await relay_until_idle(hook_settings(database))

    acme_events = verified(to_acme, mine["secret"])
    assert sorted(e["type"] for e in acme_events) == ["order.paid", "order.placed"]
    assert {e["data"]["order_id"] for e in acme_events} == {acme_order}
    [globex_event] = verified(to_globex, theirs["secret"])
    assert (globex_event["type"], globex_event["data"]["order_id"]) == ("order.paid", globex_order)
    assert globex_event["data"]["total_minor"] == 700 and "tenant_id" not in globex_event["data"]
    with pytest.raises(Exception):  # noqa: B017 - any verification error: the wrong secret
        Verifier(mine["secret"]).verify(to_globex.received[0].body, to_globex.received[0].headers)

    shown = await loopback.get(f"/api/v1/webhooks/{mine['id']}", headers=acme.headers)
    assert shown.status_code == 200 and "secret" not in shown.json()
    log = await loopback.get(f"/api/v1/webhooks/{mine['id']}/deliveries", headers=acme.headers)
    assert sorted((d["event_type"], d["status_code"]) for d in log.json()["items"]) == [
        ("order.paid", 204),
        ("order.placed", 204),
    ]
    other = await loopback.get(f"/api/v1/webhooks/{mine['id']}", headers=globex.headers)
    assert other.status_code == 404


async def test_a_failing_receiver_is_retried_logged_dead_lettered_and_switched_off(
    loopback: Client, database: DatabaseUnderTest
) -> None:
    acme = await sign_up(loopback, "acme")
    await sign_up(loopback, "globex")
    settings = hook_settings(database, attempts=2, disable_after=2)
    with webhook_receiver() as receiver:
        receiver.status, receiver.extra_headers = 302, {"location": "http://169.254.169.254/"}
        hook = await subscribe(loopback, acme, receiver.url, "order.paid")
        await paid_order(loopback, acme)
        await relay_until_idle(settings, passes=2)  # the event, then its delivery request
        receiver.status, receiver.extra_headers = 500, {}
        await relay_after_backoff(settings)
    assert len(receiver.received) == 2, "the redirect was followed, or a retry is missing"

    log = await loopback.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=acme.headers)
    attempts = sorted((d["attempt"], d["status_code"], d["error"]) for d in log.json()["items"])
    assert attempts == [(1, 302, "answered HTTP 302"), (2, 500, "answered HTTP 500")]
    shown = (await loopback.get(f"/api/v1/webhooks/{hook['id']}", headers=acme.headers)).json()
    assert shown["active"] is False and "2 failed deliveries" in shown["disabled_reason"]
    letters = await loopback.get("/api/v1/events/dead-letters", headers=acme.headers)
    [letter] = letters.json()["items"]
    assert letter["event_type"] == "webhook.delivery_requested"
    assert "answered HTTP 500" in letter["last_error"]


async def test_a_rotated_secret_signs_alongside_the_old_one_during_the_grace_period(
    loopback: Client, database: DatabaseUnderTest
) -> None:
    acme = await sign_up(loopback, "acme")
    await sign_up(loopback, "globex")
    with webhook_receiver() as receiver:
        hook = await subscribe(loopback, acme, receiver.url, "order.paid")
        url = f"/api/v1/webhooks/{hook['id']}/rotate-secret"
        rotated = await loopback.post(url, headers=acme.headers)
        await paid_order(loopback, acme)
        await relay_until_idle(hook_settings(database))
    assert rotated.status_code == 200 and rotated.json()["secret"] != hook["secret"]
    assert [e["type"] for e in verified(receiver, rotated.json()["secret"])] == ["order.paid"]
    assert [e["type"] for e in verified(receiver, hook["secret"])] == ["order.paid"]


async def test_a_slow_receiver_times_out_and_a_url_gone_private_is_refused_at_delivery(
    loopback: Client, database: DatabaseUnderTest
) -> None:
    acme = await sign_up(loopback, "acme")
    await sign_up(loopback, "globex")
    slow = replace(hook_settings(database), webhooks=WebhookSettings(True, timeout_seconds=1))
    strict = replace(hook_settings(database), webhooks=WebhookSettings(allow_loopback=False))
    with webhook_receiver() as receiver:
        receiver.delay_seconds = 1.5
        hook = await subscribe(loopback, acme, receiver.url, "order.paid")
        await paid_order(loopback, acme)
        await relay_until_idle(slow, passes=2)  # attempt 1: no answer within 1 s
        receiver.delay_seconds = 0
        await relay_after_backoff(strict)  # attempt 2: the URL is no longer allowed
    assert len(receiver.received) == 1
    log = await loopback.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=acme.headers)
    attempts = sorted((d["attempt"], d["status_code"], d["error"]) for d in log.json()["items"])
    assert attempts[0] == (1, None, "timed out")
    assert attempts[1][:2] == (2, None) and "refused to send" in attempts[1][2]
    assert "not public (127.0.0.1)" in attempts[1][2]
