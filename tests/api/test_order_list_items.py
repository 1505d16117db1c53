"""An order in a list is exactly the order as ``GET /orders/{id}`` shows it (the list's items are
JSON built by PostgreSQL, the single read's are columns with the lines as JSON), with two
tenants: every field, lines in order, payment details, timestamps in the same form; and the
other tenant's orders never appear."""

from __future__ import annotations

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up


async def test_list_items_are_byte_for_byte_the_single_reads(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=50)
    ink = await make_product(client, acme, "INK", stock=50)
    customer = await make_customer(client, acme)
    bodies = [
        order_body(customer, (pen, 3), (ink, 1), (pen, 2)),
        order_body(customer, (ink, 2), token="tok_declined"),
        order_body(customer, (pen, 1), token="tok_unavailable"),
    ]
    statuses = [(await place(client, acme, body)).status_code for body in bodies]
    assert statuses == [201, 402, 503]
    their_pen = await make_product(client, globex, "PEN", stock=5)
    await place(client, globex, order_body(await make_customer(client, globex), (their_pen, 1)))

    listed = await client.get("/api/v1/orders?order_by=created_at", headers=acme.headers)
    assert listed.status_code == 200
    page = listed.json()
    assert (page["total"], page["has_more"], len(page["items"])) == (3, False, 3)
    for item in page["items"]:
        single = await client.get(f"/api/v1/orders/{item['id']}", headers=acme.headers)
        assert item == single.json()
        assert f'"created_at":"{item["created_at"]}"' in single.text
    first = page["items"][0]
    assert [line["quantity"] for line in first["lines"]] == [3, 1, 2]
    assert {i["payment"]["status"] for i in page["items"]} == {"succeeded", "failed", "pending"}
