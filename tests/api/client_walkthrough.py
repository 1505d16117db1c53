"""The README's walk-through, written as a user of a Python client generated from the served
OpenAPI document would write it: signup, token, product, customer, a paid order, a declined
order's 402 problem, reading both orders back.

``test_generated_client.py`` generates the ``tenantry_client`` package and runs this file in
its own process with the package on ``PYTHONPATH``; it checks what this prints: one JSON object
with what a user would look at. Every call raises on a status the document does not list.

Usage: ``python client_walkthrough.py BASE_URL TENANT_SLUG [ANOTHER_TENANTS_ORDER_ID]``
"""

from __future__ import annotations

import json
import sys
import uuid
from typing import Any

from tenantry_client import AuthenticatedClient, Client  # type: ignore[import-not-found]
from tenantry_client.api.catalog import create_product  # type: ignore[import-not-found]
from tenantry_client.api.customers import create_customer  # type: ignore[import-not-found]
from tenantry_client.api.identity import log_in, sign_up  # type: ignore[import-not-found]
from tenantry_client.api.ordering import get_order, place_order  # type: ignore[import-not-found]
from tenantry_client.models import (  # type: ignore[import-not-found]
    CurrencyCode,
    CustomerIn,
    LineIn,
    OrderIn,
    ProductIn,
    SignupIn,
    TokenIn,
)

PASSWORD = "correct horse battery staple"


def log_in_as_new_owner(base_url: str, slug: str, seen: dict[str, int]) -> Any:
    """Steps 1-2: sign up (a new tenant and its owner), log in; the signed-in client.

    The public operations take the anonymous ``Client`` (the generated code types them as
    needing an ``AuthenticatedClient``: see the report on the document's ``security: [{}]``).
    """
    anonymous = Client(base_url=base_url, raise_on_unexpected_status=True)
    email = f"ada@{slug}.test"
    body = SignupIn(tenant_name=slug.title(), tenant_slug=slug, email=email, password=PASSWORD)
    seen["sign_up"] = sign_up.sync_detailed(client=anonymous, body=body).status_code
    login = TokenIn(tenant_slug=slug, email=email, password=PASSWORD)
    token = log_in.sync_detailed(client=anonymous, body=login)
    seen["log_in"] = token.status_code
    return AuthenticatedClient(
        base_url=base_url, token=token.parsed.access_token, raise_on_unexpected_status=True
    )


def order(client: Any, customer: Any, product: Any, payment_token: str) -> Any:
    body = OrderIn(
        customer_id=customer.id,
        lines=[LineIn(product_id=product.id, quantity=2)],
        payment_token=payment_token,
    )
    return place_order.sync_detailed(client=client, body=body, idempotency_key=str(uuid.uuid4()))


def walk(base_url: str, slug: str, foreign_order_id: str | None) -> dict[str, Any]:
    seen: dict[str, int] = {}
    client = log_in_as_new_owner(base_url, slug, seen)
    pen = ProductIn(
        sku="PEN-1",
        name="Fountain pen",
        currency=CurrencyCode.EUR,
        unit_price_minor=1250,
        stock_quantity=10,
    )
    product = create_product.sync_detailed(client=client, body=pen)
    carla = CustomerIn(email="carla@example.test", name="Carla")
    customer = create_customer.sync_detailed(client=client, body=carla)
    paid = order(client, customer.parsed, product.parsed, "tok_visa")
    declined = order(client, customer.parsed, product.parsed, "tok_declined")
    problem = declined.parsed
    failed = get_order.sync_detailed(uuid.UUID(problem.order_id), client=client)
    seen |= {"create_product": product.status_code, "create_customer": customer.status_code}
    seen |= {"paid_order": paid.status_code, "declined_order": declined.status_code}
    seen["get_declined_order"] = failed.status_code
    if foreign_order_id is not None:
        foreign = get_order.sync_detailed(uuid.UUID(foreign_order_id), client=client)
        seen["get_another_tenants_order"] = foreign.status_code
    return {
        "statuses": seen,
        "paid": {
            "model": type(paid.parsed).__name__,
            "id": str(paid.parsed.id),
            "status": str(paid.parsed.status),
            "total_minor": paid.parsed.total_minor,
        },
        "declined": {
            "model": type(problem).__name__,
            "type": problem.type_,
            "order_id": problem.order_id,
            "failure_code": problem.failure_code,
            "order_status": str(failed.parsed.status),
        },
    }


if __name__ == "__main__":
    base, tenant, *foreign = sys.argv[1:]
    print(json.dumps(walk(base, tenant, foreign[0] if foreign else None)))
