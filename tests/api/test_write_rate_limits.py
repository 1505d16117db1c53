"""Write rate limits per user and per tenant: counted after authentication, shared by every
app instance over the database, reported in the IETF draft headers, documented in OpenAPI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from itertools import count

import httpx
from litestar.testing import AsyncTestClient

from infrastructure.settings_limits import LimitSettings
from interface.composition.app import create_app
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import Account, add_user, sign_up
from tests.database import DatabaseUnderTest, truncate_all

PRODUCTS = "/api/v1/products"
_skus = count(1)
WRITE_METHODS = ("post", "put", "patch", "delete")


@asynccontextmanager
async def app_client(
    database: DatabaseUnderTest, per_user: tuple[int, int], per_tenant: tuple[int, int]
) -> AsyncIterator[Client]:
    limits = replace(LimitSettings(), user_write_rate=per_user, tenant_write_rate=per_tenant)
    app = create_app(app_settings(database, limits=limits))
    async with AsyncTestClient(app=app) as client:
        yield client


async def write(client: Client, account: Account) -> httpx.Response:
    """One cheap write: a new product."""
    sku = f"SKU-{next(_skus)}"
    body = {
        "sku": sku,
        "name": sku,
        "currency": "EUR",
        "unit_price_minor": 100,
        "stock_quantity": 1,
    }
    return await client.post(PRODUCTS, json=body, headers=account.headers)


async def test_a_user_over_its_limit_is_refused_while_its_tenant_and_others_go_on(
    database: DatabaseUnderTest,
) -> None:
    try:
        async with app_client(database, (3, 60), (8, 60)) as client:
            owner = await sign_up(client, "acme")
            ann = await add_user(client, owner, "ann@acme.test", "admin")  # acme: 1
            bob = await add_user(client, owner, "bob@acme.test", "admin")  # acme: 2
            globex = await sign_up(client, "globex")
            ann_writes = [await write(client, ann) for _ in range(4)]  # acme: 6
            ann_reads = await client.get(PRODUCTS, headers=ann.headers)
            bob_writes = [await write(client, bob) for _ in range(3)]  # acme: 9 > 8
            owner_write = await write(client, owner)
            globex_write = await write(client, globex)
    finally:
        await truncate_all(database.owner)
    assert [r.status_code for r in ann_writes] == [201, 201, 201, 429]
    refused = ann_writes[3]
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["status"] == 429
    assert refused.elapsed.total_seconds() >= 0.9  # held a second, like the per-client 429
    assert 0 < int(refused.headers["retry-after"]) <= 60
    assert refused.headers["ratelimit-policy"] == (
        '"user-writes";q=3;w=60, "tenant-writes";q=8;w=60'
    )
    assert refused.headers["ratelimit"].startswith('"user-writes";r=0;t=')
    assert '"tenant-writes";r=2;t=' in refused.headers["ratelimit"]
    assert ann_reads.status_code == 200 and "ratelimit" not in ann_reads.headers
    assert [r.status_code for r in bob_writes] == [201, 201, 429]
    assert bob_writes[2].headers["ratelimit"].startswith('"tenant-writes";r=0;t=')
    assert owner_write.status_code == 429  # the tenant is spent, whoever writes
    assert owner_write.headers["ratelimit-policy"].startswith('"tenant-writes"')
    assert globex_write.status_code == 201, globex_write.text
    assert globex_write.headers["ratelimit"].startswith('"user-writes";r=2;t=')
    assert '"tenant-writes";r=7;t=' in globex_write.headers["ratelimit"]


async def test_a_successful_write_reports_both_limits(database: DatabaseUnderTest) -> None:
    try:
        async with app_client(database, (5, 60), (50, 120)) as client:
            acme = await sign_up(client, "acme")
            first, second = [await write(client, acme) for _ in range(2)]
            globex = await sign_up(client, "globex")
            other = await write(client, globex)
            # an authenticated write with a per-client rule too: both sets of limits
            both = await client.post("/api/v1/me/password", json={}, headers=acme.headers)
    finally:
        await truncate_all(database.owner)
    assert first.status_code == second.status_code == other.status_code == 201
    assert first.headers["ratelimit-policy"] == (
        '"user-writes";q=5;w=60, "tenant-writes";q=50;w=120'
    )
    user_state, tenant_state = second.headers["ratelimit"].split(", ")
    assert user_state.startswith('"user-writes";r=3;t=')
    assert 0 < int(user_state.rpartition("t=")[2]) <= 60
    assert tenant_state.startswith('"tenant-writes";r=48;t=')
    assert 60 < int(tenant_state.rpartition("t=")[2]) <= 120
    assert other.headers["ratelimit"].startswith('"user-writes";r=4;t=')  # globex: its own
    assert both.status_code == 400
    assert both.headers["ratelimit-policy"] == (
        '"user-writes";q=5;w=60, "tenant-writes";q=50;w=120, "login";q=30;w=60'
    )
    assert both.headers["ratelimit"].startswith('"user-writes";r=2;t=')


async def test_two_app_instances_share_the_count_and_zero_turns_a_limit_off(
    database: DatabaseUnderTest,
) -> None:
    try:
        async with app_client(database, (2, 60), (0, 60)) as one:
            acme = await sign_up(one, "acme")
            globex = await sign_up(one, "globex")
            on_one = [await write(one, acme) for _ in range(2)]
            async with app_client(database, (2, 60), (0, 60)) as two:
                on_two = await write(two, acme)
                globex_on_two = await write(two, globex)
    finally:
        await truncate_all(database.owner)
    assert [r.status_code for r in on_one] == [201, 201]
    assert on_two.status_code == 429  # counted on the other instance: the count is shared
    assert on_two.headers["ratelimit-policy"] == '"user-writes";q=2;w=60'  # no tenant limit
    assert globex_on_two.status_code == 201


async def test_with_both_limits_off_writes_carry_no_limit_headers(
    database: DatabaseUnderTest,
) -> None:
    try:
        async with app_client(database, (0, 60), (0, 60)) as client:
            acme = await sign_up(client, "acme")
            globex = await sign_up(client, "globex")
            writes = [await write(client, account) for account in (acme, globex)]
    finally:
        await truncate_all(database.owner)
    assert [w.status_code for w in writes] == [201, 201]
    assert not any("ratelimit" in w.headers for w in writes)


async def test_every_authenticated_write_documents_its_429_and_the_limit_headers(
    client: Client,
) -> None:
    schema = (await client.get("/schema/openapi.json")).json()
    paths, headers = schema["paths"], schema["components"]["headers"]
    writes = [
        (path, method, operation)
        for path, item in paths.items()
        if path.startswith("/api/v1/")
        for method, operation in item.items()
        if method in WRITE_METHODS and operation.get("security") != [{}]
    ]
    assert len(writes) > 10
    for path, method, operation in writes:
        refused = operation["responses"].get("429")
        assert refused is not None, (method, path)
        assert "application/problem+json" in refused["content"], (method, path)
        assert {"Retry-After", "RateLimit-Policy", "RateLimit"} <= set(refused["headers"])
        retry_after = refused["headers"]["Retry-After"]["$ref"].rpartition("/")[2]
        assert headers[retry_after]["required"] is True
        success = next(r for status, r in operation["responses"].items() if status < "300")
        assert {"RateLimit-Policy", "RateLimit"} <= set(success["headers"]), (method, path)
    reads = paths["/api/v1/products"]["get"]["responses"]
    assert "429" not in reads and "RateLimit" not in reads["200"].get("headers", {})
