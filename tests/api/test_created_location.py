"""Every ``201 Created`` carries ``Location``: the new resource's path, which its tenant can
GET at once and another tenant cannot; an order's idempotent replay repeats it."""

from __future__ import annotations

from uuid import uuid4

from tests.api.commerce_helpers import order_body
from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up


async def test_each_created_resource_is_where_location_says(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    product = await client.post(
        "/api/v1/products",
        json={"sku": "PEN", "name": "Pen", "currency": "EUR", "unit_price_minor": 250,
              "stock_quantity": 5},
        headers=acme.headers,
    )  # fmt: skip
    customer = await client.post(
        "/api/v1/customers", json={"email": "c@acme.test", "name": "Carla"}, headers=acme.headers
    )
    user = await client.post(
        "/api/v1/users",
        json={"email": "m@acme.test", "password": "correct horse battery staple", "role": "member"},
        headers=acme.headers,
    )
    key = {**acme.headers, "Idempotency-Key": str(uuid4())}
    body = order_body(customer.json(), (product.json(), 1))
    order = await client.post("/api/v1/orders", json=body, headers=key)
    replay = await client.post("/api/v1/orders", json=body, headers=key)
    created = {"products": product, "customers": customer, "users": user, "orders": order}
    for collection, answer in created.items():
        assert answer.status_code == 201, answer.text
        where = answer.headers["location"]
        assert where == f"/api/v1/{collection}/{answer.json()['id']}"
        assert (await client.get(where, headers=acme.headers)).json()["id"] == answer.json()["id"]
        assert (await client.get(where, headers=globex.headers)).status_code == 404
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.headers["location"] == order.headers["location"]
