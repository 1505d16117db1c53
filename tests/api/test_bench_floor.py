"""The benchmark's floor of the reads (``bench/floor_app.py``) does the work the API's reads
must do: it verifies the API's own tokens and reads as the runtime role under row-level
security, so a tenant gets its own orders and nobody else's, sent as the API sends them (the
stored documents); the orders it writes carry their documents as the API writes them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from bench import floor_app
from infrastructure.database.urls import to_driver_dsn
from infrastructure.ordering.documents import document_of_view, view_of_document
from tests.api.commerce_helpers import make_customer, make_product, order_body, place, stock_of
from tests.api.conftest import JWT_SECRET, Client
from tests.api.identity_helpers import Account, bearer, sign_up
from tests.database import DatabaseUnderTest


@pytest.fixture
async def floor(
    database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[httpx.AsyncClient]:
    monkeypatch.setenv("JWT_SECRET", JWT_SECRET)  # the API under test signs with it
    await floor_app.start(to_driver_dsn(database.urls.runtime), pool_size=2)
    transport = httpx.ASGITransport(app=floor_app.app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://floor") as client:
            yield client
    finally:
        await floor_app.stop()


async def _order_of(client: Client, account: Account, sku: str = "PEN") -> str:
    pen = await make_product(client, account, sku, stock=5)
    customer = await make_customer(client, account, f"{sku.lower()}@example.test")
    body = order_body(customer, (pen, 1))
    order_id: str = (await place(client, account, body)).json()["id"]
    return order_id


async def test_the_floor_reads_a_tenants_own_order_and_no_other(
    client: Client, floor: httpx.AsyncClient
) -> None:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    acme_order, globex_order = await _order_of(client, acme), await _order_of(client, globex)

    own = await floor.get(f"/orders/{acme_order}", headers=acme.headers)
    assert own.status_code == 200
    assert own.json()["id"] == acme_order and own.json()["status"] == "paid"
    other = await floor.get(f"/orders/{globex_order}", headers=acme.headers)
    assert other.status_code == 404
    assert (await floor.get(f"/orders/{globex_order}", headers=globex.headers)).status_code == 200


async def test_the_floors_order_is_the_apis_order_byte_for_byte(
    client: Client, floor: httpx.AsyncClient
) -> None:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=9, price=250)
    ink = await make_product(client, acme, "INK", stock=9, price=100)
    customer = await make_customer(client, acme)
    await place(client, acme, order_body(customer, (ink, 2), (pen, 1), token="tok_declined"))
    await place(client, acme, order_body(customer, (pen, 3)))
    await _order_of(client, globex)

    listed = (await client.get("/api/v1/orders", headers=acme.headers)).json()["items"]
    assert [order["status"] for order in listed] == ["paid", "payment_failed"]
    for order in listed:
        api = await client.get(f"/api/v1/orders/{order['id']}", headers=acme.headers)
        ours = await floor.get(f"/orders/{order['id']}", headers=acme.headers)
        assert ours.status_code == api.status_code == 200
        assert ours.content == api.content


async def test_the_floor_refuses_a_missing_or_forged_token(
    client: Client, floor: httpx.AsyncClient
) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    order = await _order_of(client, acme)
    assert (await floor.get(f"/orders/{order}")).status_code == 401
    token = acme.access_token
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")  # its signature
    assert (await floor.get(f"/orders/{order}", headers=bearer(forged))).status_code == 401


async def test_the_floors_page_is_the_tenants_own_newest_first(
    client: Client, floor: httpx.AsyncClient
) -> None:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    first, second = await _order_of(client, acme), await _order_of(client, acme, "INK")
    await _order_of(client, globex)

    page = await floor.get("/orders?limit=1", headers=acme.headers)
    assert page.status_code == 200
    assert page.json()["total"] == 2 and page.json()["has_more"] is True
    assert [item["id"] for item in page.json()["items"]] == [second]
    whole = (await floor.get("/orders?limit=50", headers=acme.headers)).json()
    assert [item["id"] for item in whole["items"]] == [second, first]
    assert [item["lines"][0]["quantity"] for item in whole["items"]] == [1, 1]
    assert (await floor.get("/orders?limit=0", headers=acme.headers)).status_code == 400


async def test_the_floors_page_is_the_apis_page(client: Client, floor: httpx.AsyncClient) -> None:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=9, price=250)
    ink = await make_product(client, acme, "INK", stock=9, price=100)
    customer = await make_customer(client, acme)
    await place(client, acme, order_body(customer, (ink, 2), (pen, 1), token="tok_declined"))
    await place(client, acme, order_body(customer, (pen, 3), (ink, 1)))
    await _order_of(client, globex)

    for limit in (1, 50):
        api = await client.get(f"/api/v1/orders?limit={limit}", headers=acme.headers)
        ours = await floor.get(f"/orders?limit={limit}", headers=acme.headers)
        assert ours.status_code == api.status_code == 200
        assert ours.json() == api.json()


async def test_the_floors_paid_order_is_an_order_the_api_serves(
    client: Client, floor: httpx.AsyncClient
) -> None:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=5, price=250)
    ink = await make_product(client, acme, "INK", stock=5, price=100)
    body = order_body(await make_customer(client, acme), (pen, 2), (ink, 1))
    headers = {**acme.headers, "Idempotency-Key": "floor-1"}

    placed = await floor.post("/orders", json=body, headers=headers)
    assert placed.status_code == 201, placed.text
    order_id = placed.json()["id"]
    seen = await client.get(f"/api/v1/orders/{order_id}", headers=acme.headers)
    assert seen.status_code == 200
    assert seen.json()["status"] == "paid" and seen.json()["total_minor"] == 600
    assert seen.json()["version"] == 2 and seen.json()["payment"]["status"] == "succeeded"
    assert seen.json()["payment"]["reference"].startswith("ch_")
    assert [line["quantity"] for line in seen.json()["lines"]] == [2, 1]
    assert [line["line_total_minor"] for line in seen.json()["lines"]] == [500, 100]
    assert seen.content == document_of_view(view_of_document(seen.text)).encode()
    listed = await client.get("/api/v1/orders", headers=acme.headers)
    assert listed.json()["items"] == [seen.json()]
    assert await stock_of(client, acme, pen) == 3
    hidden = await client.get(f"/api/v1/orders/{order_id}", headers=globex.headers)
    assert hidden.status_code == 404
    assert (await floor.post("/orders", json=body, headers=headers)).status_code == 409
    short = order_body(await make_customer(client, acme, "d@example.test"), (pen, 9))
    refused = await floor.post(
        "/orders", json=short, headers={**acme.headers, "Idempotency-Key": "floor-2"}
    )
    assert refused.status_code == 409 and await stock_of(client, acme, pen) == 3
