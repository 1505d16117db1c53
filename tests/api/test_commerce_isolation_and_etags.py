"""Tenant B never reaches tenant A's catalog, customers or orders; ETag rules on writes."""

from __future__ import annotations

from typing import Any

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import Account, add_user, sign_up


async def _seed(
    client: Client,
) -> tuple[Account, Account, dict[str, Any], dict[str, Any], dict[str, Any]]:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    product = await make_product(client, acme, "PEN")
    customer = await make_customer(client, acme)
    order = (await place(client, acme, order_body(customer, (product, 1)))).json()
    return acme, globex, product, customer, order


async def test_every_endpoint_answers_404_to_another_tenant_and_changes_nothing(
    client: Client,
) -> None:
    acme, globex, product, customer, order = await _seed(client)
    g = {**globex.headers, "If-Match": '"1"'}
    calls = [
        client.get(f"/api/v1/products/{product['id']}", headers=g),
        client.patch(f"/api/v1/products/{product['id']}", json={"name": "x"}, headers=g),
        client.delete(f"/api/v1/products/{product['id']}", headers=g),
        client.get(f"/api/v1/customers/{customer['id']}", headers=g),
        client.patch(f"/api/v1/customers/{customer['id']}", json={"name": "x"}, headers=g),
        client.delete(f"/api/v1/customers/{customer['id']}", headers=g),
        client.get(f"/api/v1/orders/{order['id']}", headers=g),
        client.post(f"/api/v1/orders/{order['id']}/cancel", headers=g),
        client.post(f"/api/v1/orders/{order['id']}/fulfil", headers=g),
        client.post(
            f"/api/v1/orders/{order['id']}/payments", json={"payment_token": "tok_visa"}, headers=g
        ),
    ]
    for call in calls:
        response = await call
        assert response.status_code == 404, (response.request.url, response.text)
    for kind in ("products", "customers", "orders"):
        assert (await client.get(f"/api/v1/{kind}", headers=globex.headers)).json()["total"] == 0
    kept = (await client.get(f"/api/v1/products/{product['id']}", headers=acme.headers)).json()
    assert {k: kept[k] for k in ("name", "sku", "unit_price_minor")} == {
        k: product[k] for k in ("name", "sku", "unit_price_minor")
    }
    assert kept["stock_quantity"] == product["stock_quantity"] - 1  # only acme's own order
    assert (await client.get(f"/api/v1/orders/{order['id']}", headers=acme.headers)).json()[
        "status"
    ] == "paid"


async def test_changes_need_the_current_etag(client: Client) -> None:
    acme, _, product, customer, _ = await _seed(client)
    url = f"/api/v1/products/{product['id']}"
    current = await client.get(url, headers=acme.headers)
    tag = current.headers["etag"]
    assert (await client.patch(url, json={"name": "New"}, headers=acme.headers)).status_code == 428
    stale = await client.patch(
        url, json={"name": "New"}, headers={**acme.headers, "If-Match": '"999"'}
    )
    assert stale.status_code == 412
    ok = await client.patch(url, json={"name": "New"}, headers={**acme.headers, "If-Match": tag})
    assert ok.status_code == 200 and ok.json()["name"] == "New"
    assert ok.headers["etag"] != tag
    assert (await client.delete(url, headers={**acme.headers, "If-Match": tag})).status_code == 412
    in_use = await client.delete(url, headers={**acme.headers, "If-Match": ok.headers["etag"]})
    assert in_use.status_code == 409, "a product on orders is deactivated, not deleted"
    customer_url = f"/api/v1/customers/{customer['id']}"
    assert (await client.delete(customer_url, headers=acme.headers)).status_code == 428


async def test_catalog_rules(client: Client) -> None:
    acme, _, product, _, _ = await _seed(client)
    member = await add_user(client, acme, "m@acme.test", "member")
    body = {
        "sku": "NEW",
        "name": "n",
        "currency": "EUR",
        "unit_price_minor": 1,
        "stock_quantity": 1,
    }
    assert (
        await client.post("/api/v1/products", json=body, headers=member.headers)
    ).status_code == 403
    assert (await client.get("/api/v1/products", headers=member.headers)).status_code == 200
    duplicate = await client.post(
        "/api/v1/products", json={**body, "sku": "PEN"}, headers=acme.headers
    )
    assert duplicate.status_code == 409
    for bad in (
        {**body, "unit_price_minor": -1},
        {**body, "currency": "euro"},
        {**body, "stock_quantity": 2**40},
        {**body, "unit_price_minor": 1.5},
    ):
        assert (
            await client.post("/api/v1/products", json=bad, headers=acme.headers)
        ).status_code == 400
    listed = (
        await client.get("/api/v1/products?order_by=-sku&active=true", headers=acme.headers)
    ).json()
    assert [p["sku"] for p in listed["items"]] == ["PEN"]
