"""Two tenants for the hard-input tests, and what a half-written request would change in
one: its counts of products, customers, orders and users, and its product's stock."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from tests.api.commerce_helpers import make_customer, make_product, order_body, place, stock_of
from tests.api.hard_input_case import API
from tests.api.identity_helpers import Account, sign_up

COUNTED = ("products", "customers", "orders", "users")


@dataclass(frozen=True)
class Tenant:
    account: Account
    ids: dict[str, str]
    """The tenant's resources by the path placeholder that names them (``{order_id}``)."""


async def seed(client: httpx.AsyncClient, slug: str) -> Tenant:
    """A tenant with a product, a customer and a paid order of one."""
    account = await sign_up(client, slug)
    product = await make_product(client, account, sku=f"{slug.upper()}-SKU")
    customer = await make_customer(client, account, f"customer@{slug}.test")
    placed = await place(client, account, order_body(customer, (product, 1)))
    assert placed.status_code == 201, placed.text
    ids = {
        "product_id": product["id"],
        "customer_id": customer["id"],
        "order_id": placed.json()["id"],
        "user_id": account.user_id,
    }
    return Tenant(account, ids)


async def state(client: httpx.AsyncClient, *tenants: Tenant) -> list[dict[str, int]]:
    """Each tenant's counts (the list endpoints' ``total``) and its product's stock."""
    seen = []
    for tenant in tenants:
        counts = {}
        for name in COUNTED:
            response = await client.get(f"{API}/{name}", headers=tenant.account.headers)
            assert response.status_code == 200, response.text
            counts[name] = response.json()["total"]
        product = {"id": tenant.ids["product_id"]}
        counts["stock"] = await stock_of(client, tenant.account, product)
        seen.append(counts)
    return seen
