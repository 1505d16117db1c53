"""A write that breaks a database constraint is a 4xx problem in plain words: the body never
names the constraint (``fk_...``, ``uq_...``), i.e. never shows the schema to a client."""

from __future__ import annotations

import re

from sqlalchemy import text

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import add_user, sign_up
from tests.database import DatabaseUnderTest

CONSTRAINT_NAME = re.compile(r"\b(fk|uq|pk|ck|ix)_[a-z0-9_]+")


async def test_a_deleted_users_token_cannot_place_an_order_and_the_problem_names_no_constraint(
    client: Client, database: DatabaseUnderTest
) -> None:
    """The user is deleted behind the app's back (as for a process that missed the
    notification: deleting through the API refuses the token at once, see
    ``test_suspension.py``), so the write reaches the database and breaks a foreign key."""
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    member = await add_user(client, acme, "bob@acme.test", "member")
    customer = await make_customer(client, acme)
    pen = await make_product(client, acme, "PEN", stock=5)
    async with database.owner.begin() as connection:
        await connection.execute(text(f"SET LOCAL app.tenant_id = '{acme.tenant_id}'"))
        deleted = await connection.execute(
            text("DELETE FROM users WHERE id = :id"), {"id": member.user_id}
        )
    assert deleted.rowcount == 1

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
