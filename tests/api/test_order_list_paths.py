"""A page of orders reads the same through both of its paths (issue 13): ``GET /orders`` reads
on the driver in a transaction of its own, a customer's orders inside the use case's open
transaction through SQLAlchemy. With two tenants, orders of several lines, and pages cut at
an offset: the same orders in the same order, each exactly as ``GET /orders/{id}`` shows
it, its lines in the order they were placed."""

from __future__ import annotations

from typing import Any

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import Account, sign_up


async def _page(client: Client, account: Account, url: str) -> dict[str, Any]:
    response = await client.get(url, headers=account.headers)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


async def test_both_paths_give_each_order_with_its_lines_as_the_single_read(
    client: Client,
) -> None:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    pen, ink, cup = [await make_product(client, acme, sku, stock=50) for sku in ("P", "I", "C")]
    carla = await make_customer(client, acme)
    quantities = [((pen, 3), (ink, 1), (cup, 2)), ((cup, 4),), ((ink, 2), (pen, 5))]
    for lines in quantities:
        assert (await place(client, acme, order_body(carla, *lines))).status_code == 201
    their_pen = await make_product(client, globex, "P")
    await place(client, globex, order_body(await make_customer(client, globex), (their_pen, 7)))

    driver = f"/api/v1/orders?customer_id={carla['id']}&order_by=created_at"
    in_transaction = f"/api/v1/customers/{carla['id']}/orders?order_by=created_at"
    whole = await _page(client, acme, driver)
    assert whole == await _page(client, acme, in_transaction)
    assert (whole["total"], whole["has_more"]) == (3, False)
    placed = [[(product["id"], n) for product, n in lines] for lines in quantities]
    got = [[(ln["product_id"], ln["quantity"]) for ln in o["lines"]] for o in whole["items"]]
    assert got == placed
    for item in whole["items"]:
        single = await client.get(f"/api/v1/orders/{item['id']}", headers=acme.headers)
        assert item == single.json()

    for offset in (1, 2):
        cut = f"&limit=1&offset={offset}"
        page = await _page(client, acme, driver + cut)
        assert page == await _page(client, acme, in_transaction + cut)
        assert page["items"] == whole["items"][offset : offset + 1]
        assert page["has_more"] is (offset < 2) and page["total"] == 3
    theirs = await _page(client, globex, "/api/v1/orders")
    assert [[ln["quantity"] for ln in o["lines"]] for o in theirs["items"]] == [[7]]
