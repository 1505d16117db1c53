"""A write that breaks a database constraint is a 4xx problem in plain words: the body never
names the constraint (``fk_...``, ``uq_...``), i.e. never shows the schema to a client."""

from __future__ import annotations

import re

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import add_user, sign_up

CONSTRAINT_NAME = re.compile(r"\b(fk|uq|pk|ck|ix)_[a-z0-9_]+")


async def test_a_deleted_users_token_cannot_place_an_order_and_the_problem_names_no_constraint(
    client: Client,
) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    member = await add_user(client, acme, "bob@acme.test", "member")
    customer = await make_customer(client, acme)
    pen = await make_product(client, acme, "PEN", stock=5)
    deleted = await client.delete(f"/api/v1/users/{member.user_id}", headers=acme.headers)
    assert deleted.status_code == 204

    response = await place(client, member, order_body(customer, (pen, 1)))

    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert CONSTRAINT_NAME.search(response.text) is None, response.text
    assert "no longer exists" in response.json()["detail"]
    orders = await client.get("/api/v1/orders", headers=acme.headers)
    assert orders.json()["total"] == 0
    stock = await client.get(f"/api/v1/products/{pen['id']}", headers=acme.headers)
    assert stock.json()["stock_quantity"] == 5
    other = await client.get("/api/v1/orders", headers=globex.headers)
    assert other.status_code == 200 and other.json()["total"] == 0
