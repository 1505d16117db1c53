"""Placing orders: payment outcomes, stock, money, with two tenants."""

from __future__ import annotations

import asyncio
import logging

import pytest
from litestar.testing import AsyncTestClient

from interface.composition.app import create_app
from tests.api.commerce_helpers import make_customer, make_product, order_body, place, stock_of
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import sign_up
from tests.api.live_server import live_client
from tests.database import DatabaseUnderTest, truncate_all


async def test_a_paid_order_freezes_prices_sums_money_and_takes_stock(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", price=199, stock=10)
    ink = await make_product(client, acme, "INK", price=1050, stock=5)
    customer = await make_customer(client, acme)
    with caplog.at_level(logging.INFO, logger="tenantry.notifications"):
        response = await place(client, acme, order_body(customer, (pen, 3), (ink, 2)))
    assert response.status_code == 201, response.text
    order = response.json()
    assert response.headers["etag"] == f'"{order["version"]}"'
    assert order["status"] == "paid" and order["currency"] == "EUR"
    assert [line["line_total_minor"] for line in order["lines"]] == [597, 2100]
    assert order["total_minor"] == 2697
    assert order["payment"]["status"] == "succeeded" and order["payment"]["reference"]
    assert (await stock_of(client, acme, pen), await stock_of(client, acme, ink)) == (7, 3)
    await client.patch(
        f"/api/v1/products/{pen['id']}",
        json={"unit_price_minor": 999},
        headers={**acme.headers, "If-Match": '"2"'},
    )
    again = await client.get(f"/api/v1/orders/{order['id']}", headers=acme.headers)
    assert again.json()["lines"][0]["unit_price_minor"] == 199
    assert not any("c@example.test" in r.getMessage() for r in caplog.records), "no address logged"


@pytest.mark.parametrize(
    ("token", "code"),
    [("tok_declined", "card_declined"), ("tok_insufficient_funds", "insufficient_funds")],
)
async def test_a_declined_payment_is_402_keeps_the_order_and_releases_stock(
    client: Client, token: str, code: str
) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=4)
    customer = await make_customer(client, acme)
    response = await place(client, acme, order_body(customer, (pen, 3), token=token))
    assert response.status_code == 402
    problem = response.json()
    assert problem["type"] == "urn:tenantry:problem:payment-declined"
    assert problem["failure_code"] == code
    order = (await client.get(f"/api/v1/orders/{problem['order_id']}", headers=acme.headers)).json()
    assert order["status"] == "payment_failed" and order["payment"]["failure_code"] == code
    assert await stock_of(client, acme, pen) == 4

    retried = await client.post(
        f"/api/v1/orders/{order['id']}/payments",
        json={"payment_token": "tok_visa"},
        headers=acme.headers,
    )
    assert retried.status_code == 200 and retried.json()["status"] == "paid"
    assert await stock_of(client, acme, pen) == 1


@pytest.mark.parametrize("token", ["tok_unavailable", "tok_timeout"])
async def test_a_silent_gateway_is_503_and_the_order_waits_with_its_stock(
    database: DatabaseUnderTest, token: str
) -> None:
    app = create_app(app_settings(database))
    async with AsyncTestClient(app=app) as client:
        acme = await sign_up(client, "acme")
        await sign_up(client, "globex")
        pen = await make_product(client, acme, "PEN", stock=5)
        customer = await make_customer(client, acme)
        body = order_body(customer, (pen, 2), token=token)
        response = await place(client, acme, body, key="pay-1")
        replay = await place(client, acme, body, key="pay-1")
        order_id = response.json()["order_id"]
        pending = (await client.get(f"/api/v1/orders/{order_id}", headers=acme.headers)).json()
        reserved = await stock_of(client, acme, pen)
        retried = await client.post(
            f"/api/v1/orders/{order_id}/payments",
            json={"payment_token": "tok_visa"},
            headers=acme.headers,
        )
    await truncate_all(database.owner)
    assert response.status_code == 503 and int(response.headers["retry-after"]) > 0
    assert (
        replay.status_code == 503
        and replay.headers["retry-after"] == response.headers["retry-after"]
    )
    assert replay.json()["order_id"] == order_id
    assert pending["status"] == "pending_payment" and reserved == 3
    assert retried.status_code == 200 and retried.json()["status"] == "paid"


async def test_twenty_concurrent_orders_for_five_in_stock_sell_exactly_five(
    database: DatabaseUnderTest,
) -> None:
    settings = app_settings(database, db_pool_size=10, sandbox_latency_ms=50)
    try:
        async with live_client(settings) as client:
            acme = await sign_up(client, "acme")
            await sign_up(client, "globex")
            pen = await make_product(client, acme, "PEN", stock=5)
            customer = await make_customer(client, acme)
            responses = await asyncio.gather(
                *(place(client, acme, order_body(customer, (pen, 1))) for _ in range(20))
            )
            stock = await stock_of(client, acme, pen)
            paid = (await client.get("/api/v1/orders?status=paid", headers=acme.headers)).json()
    finally:
        await truncate_all(database.owner)
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(201) == 5, statuses
    assert set(statuses) == {201, 409}
    assert stock == 0
    assert paid["total"] == 5


async def test_bad_lines_are_named_and_nothing_is_written(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=5)
    usd = await make_product(client, acme, "USD-PEN", stock=5, currency="USD")
    customer = await make_customer(client, acme)
    foreign_product = await make_product(client, globex, "THEIRS")
    foreign_customer = await make_customer(client, globex)
    cases = [
        (order_body(customer, (pen, 1), (foreign_product, 1)), "lines[1].product_id", 422),
        (order_body(foreign_customer, (pen, 1)), "customer_id", 422),
        (order_body(customer, (pen, 1), (usd, 1)), "lines[1].product_id", 422),
        (order_body(customer, (pen, 0)), "lines", 400),
    ]
    for body, field, status in cases:
        response = await place(client, acme, body)
        assert response.status_code == status, response.text
        assert any(field in e["field"] for e in response.json()["errors"]), response.json()
    assert (await client.get("/api/v1/orders", headers=acme.headers)).json()["total"] == 0
    assert await stock_of(client, acme, pen) == 5
    assert await stock_of(client, globex, foreign_product) == 10
