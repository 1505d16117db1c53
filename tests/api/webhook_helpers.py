"""Helpers for the webhook tests: settings that let webhooks reach loopback and retry fast,
a subscription, a paid order, and the deliveries a receiver got, verified."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from standardwebhooks import Webhook as Verifier

from infrastructure.settings import Settings
from infrastructure.settings_sections import EventSettings, WebhookSettings
from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import Account
from tests.database import DatabaseUnderTest
from tests.webhook_receiver import Receiver


def hook_settings(
    database: DatabaseUnderTest, attempts: int = 3, disable_after: int = 20
) -> Settings:
    return replace(
        app_settings(database),
        events=EventSettings(max_attempts=attempts, retry_base_ms=1),
        webhooks=WebhookSettings(allow_loopback=True, disable_after=disable_after),
    )


async def subscribe(client: Client, account: Account, url: str, *types: str) -> dict[str, Any]:
    body = {"url": url, "event_types": list(types)}
    response = await client.post("/api/v1/webhooks", json=body, headers=account.headers)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/api/v1/webhooks/{response.json()['id']}"
    return dict(response.json())


async def paid_order(client: Client, account: Account) -> str:
    product = await make_product(client, account, "PEN", price=700, stock=5)
    customer = await make_customer(client, account)
    response = await place(client, account, order_body(customer, (product, 1)))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def verified(receiver: Receiver, secret: str) -> list[dict[str, Any]]:
    """Every received delivery, verified (it raises on a bad signature or timestamp)."""
    return [Verifier(secret).verify(r.body, r.headers) for r in receiver.received]
