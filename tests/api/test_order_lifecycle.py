"""Cancel, refund, fulfil, idempotency keys and listing of orders, with two tenants."""

from __future__ import annotations

import asyncio

from tests.api.commerce_helpers import make_customer, make_product, order_body, place, stock_of
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import add_user, sign_up
from tests.api.live_server import live_client
from tests.database import DatabaseUnderTest, truncate_all


async def test_cancelling_refunds_paid_orders_and_releases_pending_stock(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=5)
    customer = await make_customer(client, acme)
    paid = (await place(client, acme, order_body(customer, (pen, 2)))).json()
    cancelled = await client.post(f"/api/v1/orders/{paid['id']}/cancel", headers=acme.headers)
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "refunded"
    assert cancelled.json()["payment"]["status"] == "refunded"
    assert await stock_of(client, acme, pen) == 5

    again = await client.post(f"/api/v1/orders/{paid['id']}/cancel", headers=acme.headers)
    assert again.status_code == 409
    assert "refunded" in again.json()["detail"] and "cancelled" in again.json()["detail"]


async def test_fulfilment_only_from_paid(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=5)
    customer = await make_customer(client, acme)
    declined = (
        await place(client, acme, order_body(customer, (pen, 1), token="tok_declined"))
    ).json()
    refused = await client.post(
        f"/api/v1/orders/{declined['order_id']}/fulfil", headers=acme.headers
    )
    assert refused.status_code == 409
    assert "payment_failed" in refused.json()["detail"] and "fulfilled" in refused.json()["detail"]
    paid = (await place(client, acme, order_body(customer, (pen, 1)))).json()
    done = await client.post(f"/api/v1/orders/{paid['id']}/fulfil", headers=acme.headers)
    assert done.status_code == 200 and done.json()["status"] == "fulfilled"
    member = await add_user(client, acme, "m@acme.test", "member")
    assert (
        await client.post(f"/api/v1/orders/{paid['id']}/cancel", headers=member.headers)
    ).status_code == 403


async def test_idempotency_keys_replay_reject_mismatch_and_are_per_user(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=5)
    customer = await make_customer(client, acme)
    body = order_body(customer, (pen, 1))
    first = await place(client, acme, body, key="key-1")
    replay = await place(client, acme, body, key="key-1")
    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay.json() == first.json() and replay.headers["idempotent-replayed"] == "true"
    assert replay.headers["etag"] == first.headers["etag"]
    mismatch = await place(client, acme, order_body(customer, (pen, 2)), key="key-1")
    assert mismatch.status_code == 422
    other_user = await add_user(client, acme, "ann@acme.test", "admin")
    assert (await place(client, other_user, body, key="key-1")).status_code == 201
    missing = await client.post("/api/v1/orders", json=body, headers=acme.headers)
    assert missing.status_code == 400
    assert (await client.get("/api/v1/orders", headers=acme.headers)).json()["total"] == 2
    assert await stock_of(client, acme, pen) == 3


async def test_a_declined_answer_is_replayed_too(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=5)
    customer = await make_customer(client, acme)
    body = order_body(customer, (pen, 1), token="tok_declined")
    first, replay = await place(client, acme, body, "k"), await place(client, acme, body, "k")
    assert (first.status_code, replay.status_code) == (402, 402)
    assert replay.json()["order_id"] == first.json()["order_id"]
    assert replay.headers["content-type"] == "application/problem+json"


async def test_a_key_still_in_flight_is_409(database: DatabaseUnderTest) -> None:
    try:
        async with live_client(app_settings(database, sandbox_latency_ms=1500)) as client:
            acme = await sign_up(client, "acme")
            await sign_up(client, "globex")
            pen = await make_product(client, acme, "PEN", stock=5)
            customer = await make_customer(client, acme)
            body = order_body(customer, (pen, 1))
            first = asyncio.create_task(place(client, acme, body, "same"))
            await asyncio.sleep(0.5)  # the first is now waiting 1.5 s on the gateway
            second = await place(client, acme, body, "same")
            first_response = await first
            orders = (await client.get("/api/v1/orders", headers=acme.headers)).json()
    finally:
        await truncate_all(database.owner)
    responses = sorted([first_response, second], key=lambda r: r.status_code)
    assert [r.status_code for r in responses] == [201, 409]
    assert responses[1].json()["type"] == "urn:tenantry:problem:conflict"
    assert orders["total"] == 1


async def test_listing_filters_sorts_and_pages(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", price=100, stock=50)
    first = await make_customer(client, acme, "one@example.test")
    second = await make_customer(client, acme, "two@example.test")
    for quantity in (1, 3, 2):
        await place(client, acme, order_body(first, (pen, quantity)))
    await place(client, acme, order_body(second, (pen, 5), token="tok_declined"))
    theirs = await make_product(client, globex, "X")
    await place(client, globex, order_body(await make_customer(client, globex), (theirs, 1)))

    def url(query: str) -> str:
        return f"/api/v1/orders?{query}"

    by_total = (
        await client.get(url("order_by=-total_minor&status=paid"), headers=acme.headers)
    ).json()
    assert [o["total_minor"] for o in by_total["items"]] == [300, 200, 100]
    mine = (await client.get(url(f"customer_id={second['id']}"), headers=acme.headers)).json()
    assert mine["total"] == 1 and mine["items"][0]["status"] == "payment_failed"
    page = (await client.get(url("limit=2&offset=2"), headers=acme.headers)).json()
    assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (4, 2, 2, 2)
    for bad in ("order_by=secret", "status=lost", "customer_id=nope", "created_from=yesterday"):
        assert (await client.get(url(bad), headers=acme.headers)).status_code == 400, bad
    future = (
        await client.get(url("created_from=2999-01-01T00:00:00Z"), headers=acme.headers)
    ).json()
    assert future["total"] == 0
