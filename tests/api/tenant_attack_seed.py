"""Tenants seeded with one resource of every kind a route can name by id, for the tenant
attack suite: a user, a session, a product, a customer, a paid order, a webhook and a
dead-lettered event (the relay runs with SMTP down and one attempt)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select, text

from infrastructure.persistence.registry import load_models
from infrastructure.settings_sections import EventSettings, SmtpSettings
from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import Account, add_user, sign_up
from tests.api.tenant_attack_routes import API, Ids, Operation, app_of, operations
from tests.database import DatabaseUnderTest
from tests.mail import free_port
from tests.relay import relay_until_idle


@dataclass(frozen=True)
class Seeded:
    account: Account
    """The owner: every permission, so none hides a leak."""
    ids: dict[str, str]
    """One id of each kind, by the path parameter that takes it."""
    markers: list[str]
    """Strings only this tenant's data holds: its ids, emails, SKU, webhook host."""


async def _created(client: Client, account: Account, path: str, body: dict[str, Any]) -> Any:
    response = await client.post(f"{API}{path}", json=body, headers=account.headers)
    assert response.status_code == 201, response.text
    return response.json()


async def seed(client: Client, slug: str) -> Seeded:
    """A tenant with one of everything but the dead letter (see ``dead_letters``)."""
    owner = await sign_up(client, slug)
    member = await add_user(client, owner, f"member@{slug}.test", "member")
    product = await make_product(client, owner, sku=f"{slug.upper()}-SKU")
    customer = await make_customer(client, owner, f"customer@{slug}.test")
    placed = await place(client, owner, order_body(customer, (product, 1)))
    assert placed.status_code == 201 and placed.json()["status"] == "paid", placed.text
    hook = {"url": f"https://93.184.216.34/hooks/{slug}-in", "event_types": ["order.refunded"]}
    webhook = await _created(client, owner, "/webhooks", hook)
    sessions = await client.get(f"{API}/me/sessions", headers=owner.headers)
    [session] = [s for s in sessions.json()["items"] if s["current"]]
    ids = {
        "user_id": member.user_id,
        "session_id": session["id"],
        "product_id": product["id"],
        "customer_id": customer["id"],
        "order_id": placed.json()["id"],
        "webhook_id": webhook["id"],
    }
    markers = [owner.tenant_id, owner.user_id, f"{slug}.test", f"{slug.upper()}-SKU", f"{slug}-in"]
    return Seeded(owner, ids, markers + list(ids.values()))


async def with_dead_letters(
    client: Client, database: DatabaseUnderTest, *tenants: Seeded
) -> list[Seeded]:
    """Relay every tenant's events with SMTP down and one attempt: each paid order's event
    is dead-lettered; its id joins the tenant's ids as ``event_id``."""
    smtp = SmtpSettings(channel="smtp", host="127.0.0.1", port=free_port(), security="none")
    events = EventSettings(max_attempts=1, retry_base_ms=1)
    await relay_until_idle(replace(app_settings(database), smtp=smtp, events=events))
    done = []
    for tenant in tenants:
        letters = await client.get(f"{API}/events/dead-letters", headers=tenant.account.headers)
        [letter, *_] = letters.json()["items"]
        ids = {**tenant.ids, "event_id": letter["id"]}
        done.append(replace(tenant, ids=ids, markers=[*tenant.markers, letter["id"]]))
    return done


World = tuple[Seeded, Seeded, list[Operation]]
"""The victim (acme), the attacker (globex), and every operation of the app."""


async def seed_world(client: Client, database: DatabaseUnderTest) -> World:
    """Acme and globex with one of everything each; fails when a route takes an id of a
    kind nothing here seeds (the seed must grow with the routes)."""
    acme, globex = await with_dead_letters(
        client, database, await seed(client, "acme"), await seed(client, "globex")
    )
    ops = operations(app_of(client))
    assert unseeded(ops, acme.ids) == [], "seed a resource of each kind a route takes"
    return acme, globex, ops


def leaked(victim: Seeded, text: str, sent: Iterable[str] = ()) -> list[str]:
    """The victim's markers in an answer, apart from the ids the caller sent itself (a
    problem's ``instance`` echoes the path)."""
    for known in sent:
        text = text.replace(known, "")
    return [marker for marker in victim.markers if marker in text]


def unseeded(operations: list[Operation], ids: Ids) -> list[str]:
    """The operations naming an id of a kind no seeded resource gives."""
    return [f"{op}: {p}" for op in operations for p in op.path_params if p not in ids]


async def snapshot(client: Client, operations: list[Operation], tenant: Seeded) -> list[Any]:
    """Everything the tenant reads: each GET, lists at their largest page."""
    seen = []
    for op in (op for op in operations if op.method == "GET"):
        params = {"limit": 200} if "limit" in op.query_params else None
        response = await client.get(
            op.url(tenant.ids), params=params, headers=tenant.account.headers
        )
        assert response.status_code == 200, f"{op}: {response.text}"
        seen.append((str(op), response.json()))
    return seen


async def rows_of(database: DatabaseUnderTest, tenant_id: str) -> int:
    """How many rows of any table belong to the tenant."""
    count = 0
    async with database.owner.begin() as connection:
        await connection.execute(text(f"SET LOCAL app.tenant_id = '{tenant_id}'"))
        for table in load_models().sorted_tables:
            column = table.c.get("tenant_id")
            if column is not None:
                query = select(func.count()).select_from(table).where(column == tenant_id)
                count += (await connection.execute(query)).scalar_one()
    return count
