"""A webhook subscription's checks: unsafe URLs and unknown event types are refused, a
refusal stores nothing (in the tenant or any other), and members cannot manage webhooks."""

from __future__ import annotations

import pytest

from tests.api.conftest import Client
from tests.api.identity_helpers import Account, add_user, sign_up


async def _subscriptions(client: Client, account: Account) -> list[object]:
    response = await client.get("/api/v1/webhooks", headers=account.headers)
    assert response.status_code == 200, response.text
    items: list[object] = response.json()["items"]
    return items


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/hooks",
        "http://[::1]/hooks",
        "http://10.1.2.3/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://[::ffff:192.168.0.1]/hooks",
        "http://localhost/hooks",
        "http://no-such-host.invalid/hooks",
        "ftp://example.com/hooks",
        "http://user:pw@example.com/hooks",
        "http://[::1",
        "http://example.com:99999/hooks",
        "http://exa\u0000mple.com/hooks",
        "https://example.com/ho oks",
    ],
)
async def test_unsafe_urls_are_refused_when_loopback_is_not_allowed(
    client: Client, url: str
) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    body = {"url": url, "event_types": ["order.paid"]}
    response = await client.post("/api/v1/webhooks", json=body, headers=acme.headers)
    # a control character breaks the schema's text pattern (400); the rest match the
    # schema and break the URL rule (422)
    assert response.status_code == (400 if "\u0000" in url else 422), response.text
    assert response.json()["errors"][0]["field"] == "url"
    assert await _subscriptions(client, acme) == []
    assert await _subscriptions(client, globex) == []


async def test_event_types_are_checked_and_members_cannot_manage_webhooks(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    member = await add_user(client, acme, "m@acme.test", "member")
    for types, status in (
        ([], 400),  # the schema's minItems
        (["order.shipped"], 422),
        (["webhook.delivery_requested"], 422),
    ):
        body = {"url": "https://example.com/hooks", "event_types": types}
        response = await client.post("/api/v1/webhooks", json=body, headers=acme.headers)
        assert response.status_code == status, (types, response.text)
    assert await _subscriptions(client, acme) == []
    assert await _subscriptions(client, globex) == []
    response = await client.get("/api/v1/webhooks", headers=member.headers)
    assert response.status_code == 403
