"""GET /api/v1/customers/{customer_id}/orders: one customer's orders, paged and filtered
like /orders, with two tenants."""

from __future__ import annotations

from uuid import uuid4

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up


async def test_a_customers_orders_are_paged_filtered_and_sorted(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", price=100, stock=50)
    carla = await make_customer(client, acme, "carla@example.test")
    dave = await make_customer(client, acme, "dave@example.test")
    for quantity in (1, 3, 2):
        await place(client, acme, order_body(carla, (pen, quantity)))
    await place(client, acme, order_body(carla, (pen, 4), token="tok_declined"))
    await place(client, acme, order_body(dave, (pen, 5)))
    theirs = await make_product(client, globex, "X")
    await place(client, globex, order_body(await make_customer(client, globex), (theirs, 1)))
    url = f"/api/v1/customers/{carla['id']}/orders"

    every = (await client.get(url, headers=acme.headers)).json()
    assert every["total"] == 4 and {o["customer_id"] for o in every["items"]} == {carla["id"]}
    created = [o["created_at"] for o in every["items"]]
    assert created == sorted(created, reverse=True), "newest first by default"
    paid = await client.get(f"{url}?status=paid&order_by=-total_minor", headers=acme.headers)
    assert [o["total_minor"] for o in paid.json()["items"]] == [300, 200, 100]
    page = (await client.get(f"{url}?limit=2&offset=2", headers=acme.headers)).json()
    assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (4, 2, 2, 2)
    for bad in ("order_by=secret", "status=lost", "created_from=yesterday", "limit=0"):
        response = await client.get(f"{url}?{bad}", headers=acme.headers)
        assert response.status_code == 400, bad
        assert response.headers["content-type"] == "application/problem+json"


async def test_another_tenants_customer_is_a_404_like_a_missing_one(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    theirs = await make_product(client, globex, "X")
    their_customer = await make_customer(client, globex)
    await place(client, globex, order_body(their_customer, (theirs, 1)))

    foreign = await client.get(
        f"/api/v1/customers/{their_customer['id']}/orders", headers=acme.headers
    )
    missing = await client.get(f"/api/v1/customers/{uuid4()}/orders", headers=acme.headers)
    own = await client.get(
        f"/api/v1/customers/{their_customer['id']}/orders", headers=globex.headers
    )
    assert (foreign.status_code, missing.status_code, own.status_code) == (404, 404, 200)
    assert foreign.json()["type"] == missing.json()["type"] == "urn:tenantry:problem:not-found"
    assert foreign.json()["detail"] == missing.json()["detail"]
    assert own.json()["total"] == 1
    unauthenticated = await client.get(f"/api/v1/customers/{their_customer['id']}/orders")
    assert unauthenticated.status_code == 401


async def test_the_endpoint_is_documented(client: Client) -> None:
    schema = (await client.get("/schema/openapi.json")).json()
    operation = schema["paths"]["/api/v1/customers/{customer_id}/orders"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"customer_id", "limit", "offset", "order_by", "status"} <= names
    assert "404" in operation["responses"]
