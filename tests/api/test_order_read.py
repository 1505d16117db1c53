"""``GET /orders/{id}``, the hot read: the order as its placing answered it, with its ETag
and the edge's headers, for its own tenant only; errors stay problem documents. After a
change (cancel, fulfil, a payment retried) the read and the list show the order as the
change answered it (the stored document follows every transition)."""

from __future__ import annotations

from tests.api.commerce_helpers import make_customer, make_product, order_body, place
from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up

PROBLEM = "application/problem+json"


async def test_an_order_reads_as_placed_with_its_etag_and_only_by_its_tenant(
    client: Client,
) -> None:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", price=250, stock=5)
    placed = await place(client, acme, order_body(await make_customer(client, acme), (pen, 2)))
    url = f"/api/v1/orders/{placed.json()['id']}"

    read = await client.get(url, headers=acme.headers)
    assert read.status_code == 200 and read.json() == placed.json()
    assert read.headers["etag"] == placed.headers["etag"] == f'"{placed.json()["version"]}"'
    assert list(read.headers) == ["etag", "content-type", "content-length", "x-request-id"]
    assert read.headers["content-type"] == "application/json"
    assert int(read.headers["content-length"]) == len(read.content)
    assert len(read.headers["x-request-id"]) == 32

    hidden = await client.get(url, headers=globex.headers)
    assert hidden.status_code == 404 and hidden.headers["content-type"] == PROBLEM
    assert "etag" not in hidden.headers
    assert hidden.json()["request_id"] == hidden.headers["x-request-id"]


async def test_a_malformed_or_unknown_id_is_a_problem_not_an_order(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    malformed = await client.get("/api/v1/orders/not-an-id", headers=acme.headers)
    assert malformed.status_code == 400 and malformed.headers["content-type"] == PROBLEM
    unknown = await client.get(
        "/api/v1/orders/01a22dd0-527b-747c-afbd-259ba81019ee", headers=acme.headers
    )
    assert unknown.status_code == 404 and unknown.headers["content-type"] == PROBLEM
    anonymous = await client.get("/api/v1/orders/01a22dd0-527b-747c-afbd-259ba81019ee")
    assert anonymous.status_code == 401 and anonymous.headers["content-type"] == PROBLEM


async def test_after_each_change_the_read_and_the_list_show_the_order_as_the_change_left_it(
    client: Client,
) -> None:
    acme, globex = await sign_up(client, "acme"), await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN", price=250, stock=9)
    customer = await make_customer(client, acme)
    their_pen = await make_product(client, globex, "PEN", stock=9)
    their_order = order_body(await make_customer(client, globex), (their_pen, 1))
    theirs = await place(client, globex, their_order)
    cancelled, fulfilled = [
        (await place(client, acme, order_body(customer, (pen, n)))).json() for n in (1, 2)
    ]
    declined = await place(client, acme, order_body(customer, (pen, 3), token="tok_declined"))
    changes = {
        f"/api/v1/orders/{cancelled['id']}/cancel": None,
        f"/api/v1/orders/{fulfilled['id']}/fulfil": None,
        f"/api/v1/orders/{declined.json()['order_id']}/payments": {"payment_token": "tok_visa"},
    }
    answers = []
    for url, body in changes.items():
        changed = await client.post(url, json=body, headers=acme.headers)
        assert changed.status_code == 200, changed.text
        read = await client.get(f"/api/v1/orders/{changed.json()['id']}", headers=acme.headers)
        assert read.content == changed.content
        assert read.headers["etag"] == changed.headers["etag"] == f'"{read.json()["version"]}"'
        answers.append(changed.json())
    assert [(a["status"], a["version"]) for a in answers] == [
        ("refunded", 4), ("fulfilled", 3), ("paid", 4)
    ]  # fmt: skip
    listed = await client.get("/api/v1/orders?order_by=created_at", headers=acme.headers)
    assert listed.json()["items"] == answers
    others = (await client.get("/api/v1/orders", headers=globex.headers)).json()["items"]
    assert others == [theirs.json()]
