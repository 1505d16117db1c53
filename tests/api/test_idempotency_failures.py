"""An ``Idempotency-Key`` through unexpected failures, with two tenants: once the order is
committed the key stays bound to it, so a retry answers that order instead of placing a
second one; a failure before anything was committed frees the key for a fresh run."""

from __future__ import annotations

from tests.api.commerce_helpers import make_customer, make_product, order_body, place, stock_of
from tests.api.idempotency_failure_helpers import (
    FirstTakeFails,
    OrderingWithAnswerLost,
    OrderingWithFailingTake,
    app_with,
    crash_after_commit,
    is_problem,
    rows,
)
from tests.api.identity_helpers import sign_up
from tests.database import DatabaseUnderTest


async def test_a_failure_after_the_order_commits_keeps_the_key_bound_to_that_order(
    database: DatabaseUnderTest,
) -> None:
    async with app_with(database, OrderingWithAnswerLost) as client:
        acme = await sign_up(client, "acme")
        globex = await sign_up(client, "globex")
        pen = await make_product(client, acme, "PEN", stock=5)
        body = order_body(await make_customer(client, acme), (pen, 2))
        failed = await place(client, acme, body, key="order-1")
        retry = await place(client, acme, body, key="order-1")
        again = await place(client, acme, body, key="order-1")
        order = retry.json()
        stock = await stock_of(client, acme, pen)
        listed = (await client.get("/api/v1/orders", headers=acme.headers)).json()
        orders = await rows(database, acme.tenant_id, "orders")
        charges = await rows(database, acme.tenant_id, "sandbox_charges")
        their_pen = await make_product(client, globex, "PEN", stock=5)
        their_body = order_body(await make_customer(client, globex), (their_pen, 1))
        theirs = await place(client, globex, their_body, "order-1")
        paid = await client.post(
            f"/api/v1/orders/{order['id']}/payments",
            json={"payment_token": "tok_visa"},
            headers=acme.headers,
        )
        charges_after = await rows(database, acme.tenant_id, "sandbox_charges")

    assert is_problem(failed, 500), failed.text
    assert retry.status_code == 201, retry.text
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.headers["location"].endswith(f"/orders/{order['id']}")
    assert retry.headers["etag"] == f'"{order["version"]}"'
    assert order["status"] == "pending_payment" and order["lines"][0]["quantity"] == 2
    assert again.status_code == 201 and again.json()["id"] == order["id"]
    assert listed["total"] == 1 and listed["items"][0]["id"] == order["id"]
    assert (orders, charges) == (1, 1)
    assert stock == 3, "the stock was reserved once"
    assert theirs.status_code == 201 and "idempotent-replayed" not in theirs.headers
    assert theirs.json()["id"] != order["id"], "globex's key of the same name is its own"
    assert paid.status_code == 200 and paid.json()["status"] == "paid"
    assert charges_after == 1, "the lost charge is found again under its attempt key"


async def test_a_failure_before_any_commit_frees_the_key_for_one_fresh_run(
    database: DatabaseUnderTest,
) -> None:
    FirstTakeFails.failures_left = 1
    async with app_with(database, OrderingWithFailingTake) as client:
        acme = await sign_up(client, "acme")
        globex = await sign_up(client, "globex")
        pen = await make_product(client, acme, "PEN", stock=5)
        body = order_body(await make_customer(client, acme), (pen, 2))
        failed = await place(client, acme, body, key="order-1")
        after_failure = (await client.get("/api/v1/orders", headers=acme.headers)).json()
        retry = await place(client, acme, body, key="order-1")
        replay = await place(client, acme, body, key="order-1")
        stock = await stock_of(client, acme, pen)
        orders = await rows(database, acme.tenant_id, "orders")
        theirs = (await client.get("/api/v1/orders", headers=globex.headers)).json()

    assert is_problem(failed, 500), failed.text
    assert after_failure["total"] == 0, "nothing was committed"
    assert retry.status_code == 201 and "idempotent-replayed" not in retry.headers, retry.text
    assert retry.json()["status"] == "paid"
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json() == retry.json()
    assert (orders, stock) == (1, 3)
    assert theirs["total"] == 0


async def test_a_process_that_died_after_the_commit_leaves_the_key_bound_to_its_order(
    database: DatabaseUnderTest,
) -> None:
    """As if the process died between the order's commit and its answer: the row is bound
    and has neither answer nor interruption. In progress at first (409), then, once nothing
    has touched it for longer than a request can take, the retry answers the order."""
    async with app_with(database, OrderingWithAnswerLost) as client:
        acme = await sign_up(client, "acme")
        globex = await sign_up(client, "globex")
        pen = await make_product(client, acme, "PEN", stock=5)
        body = order_body(await make_customer(client, acme), (pen, 2))
        await place(client, acme, body, key="order-1")
        await crash_after_commit(database, acme.tenant_id, "now()")
        running = await place(client, acme, body, key="order-1")
        await crash_after_commit(database, acme.tenant_id, "now() - interval '3 minutes'")
        recovered = await place(client, acme, body, key="order-1")
        orders = await rows(database, acme.tenant_id, "orders")
        theirs = await rows(database, globex.tenant_id, "orders")

    assert running.status_code == 409, running.text
    assert recovered.status_code == 201, recovered.text
    assert recovered.headers["idempotent-replayed"] == "true"
    assert recovered.json()["status"] == "pending_payment"
    assert (orders, theirs) == (1, 0)
