"""Hidden characters in request bodies: a bidi override, a zero-width or a control character
in any text field is a 400 problem naming the field, and nothing is written, in any tenant."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.commerce_helpers import make_customer, make_product
from tests.api.conftest import Client
from tests.api.identity_helpers import PASSWORD, Account, sign_up

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "Invoice\u202efdp.exe" shows as "Invoiceexe.pdf"


def _assert_names(response: Any, field: str, code_point: str) -> None:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:tenantry:problem:validation-failed"
    assert [e["field"] for e in body["errors"]] == [field]
    assert code_point in body["errors"][0]["message"]


async def _two_tenants(client: Client) -> tuple[Account, Account]:
    return await sign_up(client, "acme"), await sign_up(client, "globex")


@pytest.mark.parametrize(
    ("field", "value", "code_point"),
    [
        ("name", f"Invoice{RLO}fdp.exe", "U+202E"),
        ("sku", "SKU\u200b1", "U+200B"),
        ("description", "fine\nthen\u2066isolated", "U+2066"),
    ],
)
async def test_a_hidden_character_in_a_product_is_a_400_naming_the_field(
    client: Client, field: str, value: str, code_point: str
) -> None:
    acme, globex = await _two_tenants(client)
    body = {
        "sku": "SKU-1",
        "name": "Tea",
        "currency": "EUR",
        "unit_price_minor": 1,
        "stock_quantity": 1,
    }
    response = await client.post(
        "/api/v1/products", json={**body, field: value}, headers=acme.headers
    )
    _assert_names(response, field, code_point)
    for account in (acme, globex):
        assert (await client.get("/api/v1/products", headers=account.headers)).json()["total"] == 0


async def test_a_product_description_keeps_its_lines_and_a_patch_is_checked(client: Client) -> None:
    acme, globex = await _two_tenants(client)
    product = await make_product(client, acme)
    headers = {**acme.headers, "If-Match": '"1"'}
    url = f"/api/v1/products/{product['id']}"
    patched = await client.patch(url, json={"description": "Line one\n\tLine two"}, headers=headers)
    assert patched.status_code == 200, patched.text
    assert patched.json()["description"] == "Line one\n\tLine two"
    refused = await client.patch(
        url, json={"name": f"Pen{RLO}"}, headers={**headers, "If-Match": '"2"'}
    )
    _assert_names(refused, "name", "U+202E")
    assert (await client.get(url, headers=acme.headers)).json()["name"] == product["name"]
    assert (await client.get(url, headers=globex.headers)).status_code == 404


async def test_a_bidi_override_in_a_customer_name_is_a_400_naming_the_field(client: Client) -> None:
    acme, globex = await _two_tenants(client)
    created = await client.post(
        "/api/v1/customers",
        json={"email": "c@example.test", "name": f"Carla{RLO}"},
        headers=acme.headers,
    )
    _assert_names(created, "name", "U+202E")
    customer = await make_customer(client, globex)
    patched = await client.patch(
        f"/api/v1/customers/{customer['id']}",
        json={"name": "Carla\x00"},
        headers={**globex.headers, "If-Match": '"1"'},
    )
    _assert_names(patched, "name", "U+0000")
    for account, total in ((acme, 0), (globex, 1)):
        listed = (await client.get("/api/v1/customers", headers=account.headers)).json()
        assert listed["total"] == total and all(RLO not in c["name"] for c in listed["items"])


async def test_a_hidden_character_in_a_webhook_event_type_names_the_list_field(
    client: Client,
) -> None:
    acme, _ = await _two_tenants(client)
    body = {"url": "https://hooks.example.test/in", "event_types": ["order.placed\u200d"]}
    response = await client.post("/api/v1/webhooks", json=body, headers=acme.headers)
    _assert_names(response, "event_types", "U+200D")


@pytest.mark.parametrize("field", ["tenant_slug", "email"])
async def test_nul_in_a_login_field_is_a_400_not_a_500(client: Client, field: str) -> None:
    await _two_tenants(client)
    body = {"tenant_slug": "acme", "email": "owner@acme.test", "password": PASSWORD}
    body[field] = body[field][:2] + "\x00" + body[field][2:]
    response = await client.post("/api/v1/auth/token", json=body)
    _assert_names(response, field, "U+0000")


async def test_nul_in_a_login_password_is_a_wrong_password_not_a_500(client: Client) -> None:
    """An existing password is compared verbatim, never judged by today's text rule."""
    await _two_tenants(client)
    body = {"tenant_slug": "acme", "email": "owner@acme.test", "password": "co\x00" + PASSWORD}
    response = await client.post("/api/v1/auth/token", json=body)
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == "application/problem+json"


async def test_ordinary_text_of_any_script_is_kept_as_sent(client: Client) -> None:
    acme, globex = await _two_tenants(client)
    name = "Café שלום 東京 ☕ Łódź"
    body = {
        "sku": "SKU-1",
        "name": name,
        "currency": "EUR",
        "unit_price_minor": 1,
        "stock_quantity": 1,
    }
    created = await client.post("/api/v1/products", json=body, headers=acme.headers)
    assert created.status_code == 201, created.text
    assert created.json()["name"] == name
    assert (await client.get("/api/v1/products", headers=globex.headers)).json()["total"] == 0


async def test_a_lone_surrogate_escape_is_a_400_not_a_500(client: Client) -> None:
    acme, _ = await _two_tenants(client)
    raw = b'{"email": "c@example.test", "name": "Carla \\udc00"}'
    response = await client.post(
        "/api/v1/customers",
        content=raw,
        headers={**acme.headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
