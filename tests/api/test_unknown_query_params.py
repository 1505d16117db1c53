"""Unknown query parameters are a 400 naming each of them, never silently ignored
(issue 11: ``/customers?email=x`` listed every customer). Two tenants in every test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.commerce_helpers import make_customer, make_product
from tests.api.conftest import Client
from tests.api.identity_helpers import Account, sign_up

PROBLEM = "application/problem+json"

# (method, path with {customer} / {product} for the caller's own ids, unknown parameter)
CASES = [
    ("GET", "/api/v1/customers", "email"),
    ("GET", "/api/v1/customers", "tenant_id"),
    ("GET", "/api/v1/products", "name"),
    ("GET", "/api/v1/orders", "customer"),
    ("GET", "/api/v1/users", "role"),
    ("GET", "/api/v1/customers/{customer}", "fields"),
    ("GET", "/api/v1/customers/{customer}/orders", "customer_id"),
    ("PATCH", "/api/v1/products/{product}", "force"),
    ("DELETE", "/api/v1/customers/{customer}", "cascade"),
    ("GET", "/api/v1/me", "tenant_id"),
    ("GET", "/health/live", "verbose"),
]


async def _seeded(client: Client, slug: str) -> tuple[Account, dict[str, str]]:
    account = await sign_up(client, slug)
    customer = await make_customer(client, account, f"c@{slug}.test")
    product = await make_product(client, account)
    return account, {"customer": customer["id"], "product": product["id"]}


@pytest.mark.parametrize(("method", "path", "name"), CASES)
async def test_an_unknown_query_parameter_is_a_400_naming_it(
    client: Client, method: str, path: str, name: str
) -> None:
    for slug in ("acme", "globex"):
        account, ids = await _seeded(client, slug)
        url = path.format(**ids)
        response = await client.request(
            method, url, params={name: "x"}, headers=account.headers, json=_body(method)
        )
        assert response.status_code == 400, response.text
        assert response.headers["content-type"].startswith(PROBLEM)
        errors = response.json()["errors"]
        assert [e["field"] for e in errors] == [name]
        assert errors[0]["message"].startswith("unknown query parameter")


def _body(method: str) -> Any:
    return {"name": "Renamed"} if method == "PATCH" else None


async def test_each_unknown_parameter_is_named_and_the_accepted_ones_listed(
    client: Client,
) -> None:
    acme, _ = await _seeded(client, "acme")
    globex, _ = await _seeded(client, "globex")
    for account in (acme, globex):
        response = await client.get(
            "/api/v1/customers?limit=5&email=a&email=b&sort=name", headers=account.headers
        )
        assert response.status_code == 400, response.text
        errors = response.json()["errors"]
        assert [e["field"] for e in errors] == ["email", "sort"]
        assert errors[0]["message"] == (
            "unknown query parameter; this operation accepts: limit, offset, order_by"
        )


async def test_an_operation_without_parameters_says_so(client: Client) -> None:
    acme, ids = await _seeded(client, "acme")
    response = await client.get(f"/api/v1/products/{ids['product']}?v=2", headers=acme.headers)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "v", "message": "unknown query parameter; this operation takes none"}
    ]


async def test_declared_parameters_still_work_and_filter_by_tenant(client: Client) -> None:
    acme, _ = await _seeded(client, "acme")
    globex, _ = await _seeded(client, "globex")
    await make_product(client, acme, sku="SKU-2")
    listed = await client.get(
        "/api/v1/products?sku=SKU-2&active=true&limit=5&offset=0&order_by=-created_at",
        headers=acme.headers,
    )
    assert listed.status_code == 200, listed.text
    assert [p["sku"] for p in listed.json()["items"]] == ["SKU-2"]
    theirs = await client.get("/api/v1/products?sku=SKU-2", headers=globex.headers)
    assert theirs.status_code == 200 and theirs.json()["items"] == []


async def test_a_one_valued_parameter_sent_twice_is_a_400_naming_it(client: Client) -> None:
    """Not the last value silently winning: ``status=paid&status=cancelled`` is no filter."""
    await _seeded(client, "acme")
    globex, _ = await _seeded(client, "globex")
    for query, named in [
        ("status=paid&status=cancelled", ["status"]),
        ("limit=5&limit=6&status=paid", ["limit"]),
    ]:
        response = await client.get(f"/api/v1/orders?{query}", headers=globex.headers)
        assert response.status_code == 400, response.text
        assert [e["field"] for e in response.json()["errors"]] == named
        assert "more than once" in response.json()["errors"][0]["message"]


async def test_an_anonymous_caller_gets_the_401_first(client: Client) -> None:
    await _seeded(client, "acme")
    await _seeded(client, "globex")
    response = await client.get("/api/v1/customers?email=x")
    assert response.status_code == 401
