"""The write side's budget, counted on the wire with two tenants: a paid order is at most
12 round trips on the API's own connection (the payment gateway's transaction excluded; it
is 3, the charge one statement), whatever its number of lines, and neither it nor cancel,
fulfil or a retried payment reads the order again to answer. Every statement counts as one
round trip (once prepared)."""

from __future__ import annotations

from typing import Any

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import Account, sign_up
from tests.api.wire import Wire, transactions

PAID_ORDER_BUDGET = 12


def _api_side(sent: list[str]) -> tuple[list[list[str]], list[list[str]]]:
    """The request's transactions, and the gateway's own (the ones on its table)."""
    runs = transactions(sent)
    gateway = [run for run in runs if any("sandbox_charges" in q for q in run)]
    return [run for run in runs if run not in gateway], gateway


def _count(runs: list[list[str]]) -> int:
    return sum(len(run) for run in runs)


def _reads_an_order(run: list[str]) -> bool:
    return any(q.startswith("SELECT") and "FROM orders" in q for q in run)


async def _shop(client: Client) -> tuple[Account, dict[str, Any], list[dict[str, Any]]]:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    await make_product(client, globex, "PEN", stock=50)  # the other tenant has the same SKU
    products = [await make_product(client, acme, sku, stock=50) for sku in ("PEN", "INK", "PAD")]
    customer = await make_customer(client, acme)
    warm = await place(client, acme, order_body(customer, *((p, 1) for p in products)))
    assert warm.status_code == 201, warm.text  # prepares the statements on the connections
    return acme, customer, products


async def test_a_paid_order_is_at_most_twelve_round_trips_for_one_line_or_three(
    wire: Wire, client: Client
) -> None:
    acme, customer, products = await _shop(client)
    counts = []
    for lines in ([(products[0], 1)], [(p, 2) for p in products]):
        wire.clear()
        response = await place(client, acme, order_body(customer, *lines))
        assert response.status_code == 201 and response.json()["status"] == "paid"
        assert len(response.json()["lines"]) == len(lines)
        api, gateway = _api_side(await wire.settle())
        assert len(gateway) == 1 and len(gateway[0]) == 3, "BEGIN, the charge, COMMIT"
        assert _count(api) <= PAID_ORDER_BUDGET, api
        assert not any(_reads_an_order(run) for run in api), "answered from the order in hand"
        tenant_scoped = [run for run in api if run[0].startswith("BEGIN")]
        assert all(acme.tenant_id in run[0] for run in tenant_scoped), api
        assert len(tenant_scoped) == 2, "the order's two transactions, nothing of the key's own"
        counts.append(_count(api))
    assert counts[0] == counts[1], "the statements do not grow with the lines"


async def test_a_replayed_order_answers_the_stored_response_and_writes_nothing(
    wire: Wire, client: Client
) -> None:
    acme, customer, products = await _shop(client)
    body = order_body(customer, (products[0], 1))
    first = await place(client, acme, body, key="same-key")
    wire.clear()
    replay = await place(client, acme, body, key="same-key")
    assert replay.status_code == 201 and replay.headers["idempotent-replayed"] == "true"
    assert replay.content == first.content
    api, gateway = _api_side(await wire.settle())
    assert gateway == [], "no second charge"
    assert not any(q.startswith(("INSERT INTO orders", "UPDATE products")) for r in api for q in r)


async def test_cancel_fulfil_and_retry_payment_answer_without_reading_the_order_again(
    wire: Wire, client: Client
) -> None:
    acme, customer, products = await _shop(client)
    paid = [
        (await place(client, acme, order_body(customer, (products[0], 1)))).json() for _ in range(2)
    ]
    declined = await place(
        client, acme, order_body(customer, (products[1], 1), token="tok_declined")
    )
    assert declined.status_code == 402
    declined_id = declined.json()["order_id"]
    calls = {
        "cancel": (f"/api/v1/orders/{paid[0]['id']}/cancel", None, "refunded"),
        "fulfil": (f"/api/v1/orders/{paid[1]['id']}/fulfil", None, "fulfilled"),
        "retry": (f"/api/v1/orders/{declined_id}/payments", {"payment_token": "tok_visa"}, "paid"),
    }
    # the rate check; a transaction that loads, moves and writes its events; for cancel and
    # retry a second one after the gateway, that records its answer
    budgets = {"cancel": 11, "fulfil": 6, "retry": 11}
    for name, (url, body, status) in calls.items():
        wire.clear()
        response = await client.post(url, json=body, headers=acme.headers)
        assert response.status_code == 200 and response.json()["status"] == status, response.text
        api, gateway = _api_side(await wire.settle())
        reads = [run for run in api if _reads_an_order(run)]
        assert len(reads) == 1 and len(api) - len(reads) <= 2, (name, api)
        assert _count(api) == budgets[name], (name, api)
