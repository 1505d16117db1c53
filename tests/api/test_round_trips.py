"""The performance budget, counted on the wire: a single-order read is one database round
trip (``tenant_order_document``, which scopes its own transaction to the tenant; on Citus
three: BEGIN with the tenant, the SELECT, COMMIT) and authentication adds none; a list is
one statement, its page with the matching rows counted up to a bound."""

from __future__ import annotations

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up
from tests.api.wire import Wire
from tests.database import DatabaseUnderTest, runs_citus


async def test_single_order_read_is_one_round_trip_with_no_auth_query(
    wire: Wire, client: Client, database: DatabaseUnderTest
) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=5)
    order = (
        await place(client, acme, order_body(await make_customer(client, acme), (pen, 1)))
    ).json()
    url = f"/api/v1/orders/{order['id']}"
    assert (await client.get(url, headers=acme.headers)).status_code == 200  # warm connections
    wire.clear()
    response = await client.get(url, headers=acme.headers)
    assert response.status_code == 200
    sent = await wire.settle()
    if await runs_citus(database):
        assert len(sent) == 3, sent
        begin, select, commit = sent
        assert f"SET LOCAL app.tenant_id = '{acme.tenant_id}'" in begin
        assert begin.startswith("BEGIN") and "FROM orders" in select
        assert commit.startswith("COMMIT")
    else:
        assert sent == ["SELECT * FROM tenant_order_document($1, $2)"]


async def test_a_list_is_one_statement_with_its_bounded_count(wire: Wire, client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", stock=5)
    customer = await make_customer(client, acme)
    for _ in range(2):
        assert (await place(client, acme, order_body(customer, (pen, 1)))).status_code == 201
    assert (await client.get("/api/v1/orders", headers=acme.headers)).status_code == 200
    wire.clear()
    page = await client.get("/api/v1/orders?limit=50", headers=acme.headers)
    assert page.status_code == 200 and page.json()["total"] == 2
    sent = await wire.settle()
    assert len(sent) == 3, sent  # BEGIN READ ONLY + tenant, the page with its count, COMMIT
    begin, select, commit = sent
    assert begin.startswith("BEGIN READ ONLY")
    assert f"SET LOCAL app.tenant_id = '{acme.tenant_id}'" in begin
    assert "FROM orders" in select and "count(" in select.lower() and "LIMIT" in select
    assert commit.startswith("COMMIT")
