"""HTTP helpers for commerce tests."""

from __future__ import annotations

import json
from typing import Any
from uuid import uuid4

from tests.api.conftest import Client
from tests.api.identity_helpers import Account


async def make_product(
    client: Client,
    account: Account,
    sku: str = "SKU-1",
    price: int = 1250,
    stock: int = 10,
    currency: str = "EUR",
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/products",
        json={
            "sku": sku,
            "name": f"Product {sku}",
            "currency": currency,
            "unit_price_minor": price,
            "stock_quantity": stock,
        },
        headers=account.headers,
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def make_customer(
    client: Client, account: Account, email: str = "c@example.test"
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/customers",
        json={"email": email, "name": "Carla Customer"},
        headers=account.headers,
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def order_body(
    customer: dict[str, Any], *lines: tuple[dict[str, Any], int], token: str = "tok_visa"
) -> dict[str, Any]:
    return {
        "customer_id": customer["id"],
        "lines": [{"product_id": p["id"], "quantity": q} for p, q in lines],
        "payment_token": token,
    }


async def place(
    client: Client, account: Account, body: dict[str, Any], key: str | None = None
) -> Any:
    headers = {**account.headers, "Idempotency-Key": key or str(uuid4())}
    return await client.post("/api/v1/orders", json=body, headers=headers)


def raw_order_request(account: Account, body: dict[str, Any]) -> bytes:
    """An order's whole HTTP request, as bytes to write on a raw connection."""
    content = json.dumps(body).encode()
    return (
        b"POST /api/v1/orders HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        + f"Authorization: Bearer {account.access_token}\r\n".encode()
        + f"Idempotency-Key: {uuid4()}\r\nContent-Length: {len(content)}\r\n\r\n".encode()
        + content
    )


async def stock_of(client: Client, account: Account, product: dict[str, Any]) -> int:
    response = await client.get(f"/api/v1/products/{product['id']}", headers=account.headers)
    return int(response.json()["stock_quantity"])
