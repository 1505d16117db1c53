"""The API keeps its OpenAPI contract: schemathesis, every phase and every check, against
the app served on loopback by the production server, as real users of two seeded tenants.

The run is bounded by ``CONTRACT_SECONDS`` (120 in ``make test``; ``make fuzz`` runs it
for longer). It passes only with zero failures and zero warnings (``warnings.fail-on``
in ``schemathesis.toml``). Tenant B's owner is the peer of tenant A's in the
object-level authorization check: what A reads, B must not.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from infrastructure.settings import Settings
from infrastructure.settings_limits import LimitSettings
from infrastructure.settings_sections import EventSettings, SmtpSettings
from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import Account, add_user, sign_up
from tests.api.live_server import live_client
from tests.contract.schemathesis_run import (
    Dictionaries,
    Guard,
    Users,
    config_with,
    run_schemathesis,
    wfc_auth,
)
from tests.database import DatabaseUnderTest, truncate_all
from tests.mail import free_port
from tests.relay import relay_until_idle

TENANTS = {"tenant-a": "contract-a", "tenant-b": "contract-b"}
UNLIMITED = (1_000_000, 1)
Json = dict[str, Any]


def contract_settings(database: DatabaseUnderTest) -> Settings:
    """The app as deployed, with the rate limits out of the way: the run comes from one
    address and one user, and would otherwise test the limiters alone (they have tests of
    their own; their 429 and headers are in the document all the same)."""
    limits = replace(
        LimitSettings(),
        login_rate=UNLIMITED,
        refresh_rate=UNLIMITED,
        signup_rate=UNLIMITED,
        login_max_failures=1_000_000,
        account_free_attempts=1_000_000,
        user_write_rate=(0, 60),
        tenant_write_rate=(0, 60),
    )
    return app_settings(database, db_pool_size=5, limits=limits, access_token_ttl_seconds=86400)


async def seed(client: Client, database: DatabaseUnderTest) -> tuple[Users, Dictionaries, Guard]:
    """Each tenant: an owner, a product, a customer and a paid order whose event is
    dead-lettered (no API creates one); tenant A also a member and a declined order. The
    users to log in as, tenant A's ids for the run's dictionaries, and its guard."""
    users: Users = {}
    owners = []
    for name, slug in TENANTS.items():
        owner = await sign_up(client, slug)
        users[name] = (slug, owner.email)
        owners.append(owner)
        product = await make_product(client, owner, stock=100_000)
        customer = await make_customer(client, owner)
        paid = await place(client, owner, order_body(customer, (product, 1)))
        assert paid.status_code == 201, paid.text
        if len(owners) == 1:
            ids = await _first_tenants_ids(client, owner, product, customer, paid.json())
    await _dead_letter_every_event(database)
    letters = await client.get("/api/v1/events/dead-letters", headers=owners[0].headers)
    ids["event_ids"] = [letters.json()["items"][0]["id"]]
    guard = {
        "CONTRACT_GUARDED_USER": owners[0].user_id,
        "CONTRACT_STAND_IN_USER": ids["user_ids"][0],
    }
    return users, ids, guard


async def _first_tenants_ids(
    client: Client, owner: Account, product: Json, customer: Json, paid: Json
) -> Dictionaries:
    """A member, and orders in pools of their own, so one operation's changes do not use up
    another's: paid ones to fulfil, paid and declined ones to cancel, declined ones to pay."""
    member = await add_user(client, owner, "member@contract-a.test", "member")
    pools: Dictionaries = {"paid_orders": [paid["id"]], "cancellable_orders": []}
    pools["declined_orders"] = []
    plan = [("paid_orders", "tok_visa")] * 3 + [("declined_orders", "tok_declined")] * 5
    plan += [("cancellable_orders", "tok_visa")] * 3 + [("cancellable_orders", "tok_declined")] * 3
    for pool, token in plan:
        answer = await place(client, owner, order_body(customer, (product, 1), token=token))
        assert answer.status_code in (201, 402), answer.text
        pools[pool].append(answer.json()["id" if answer.status_code == 201 else "order_id"])
    orders = [order for pool in pools.values() for order in pool]
    return {
        "product_ids": [product["id"]],
        "customer_ids": [customer["id"]],
        "order_ids": orders,
        "user_ids": [member.user_id],
        **pools,
    }


async def _dead_letter_every_event(database: DatabaseUnderTest) -> None:
    """Relay with SMTP down and one attempt: every order's event is dead-lettered."""
    smtp = SmtpSettings(channel="smtp", host="127.0.0.1", port=free_port(), security="none")
    events = EventSettings(max_attempts=1, retry_base_ms=1)
    await relay_until_idle(replace(app_settings(database), smtp=smtp, events=events))


async def test_the_api_keeps_its_openapi_contract(
    database: DatabaseUnderTest, tmp_path: Path
) -> None:
    async with live_client(contract_settings(database)) as client:
        try:
            users, ids, guard = await seed(client, database)
            auth_file = tmp_path / "auth.json"
            auth_file.write_text(json.dumps(wfc_auth(users)))
            config = config_with(ids, tmp_path / "schemathesis.toml")
            base_url = str(client.base_url).rstrip("/")
            status, output = await run_schemathesis(base_url, auth_file, config, guard)
        finally:
            await truncate_all(database.owner)
    assert status == 0, output[-30000:]
