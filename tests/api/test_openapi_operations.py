"""Operation ids a generated client reads well: short lower camel case after the handler
(``placeOrder``, not ``ApiV1OrdersPlaceOrder``), unique across the document."""

from __future__ import annotations

import re

from tests.api.conftest import Client


async def test_operation_ids_are_short_unique_and_named_after_the_action(client: Client) -> None:
    paths = (await client.get("/schema/openapi.json")).json()["paths"]
    ids = {
        (method.upper(), path): operation["operationId"]
        for path, item in paths.items()
        for method, operation in item.items()
    }
    assert len(set(ids.values())) == len(ids)
    assert all(re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)*", name) for name in ids.values()), ids
    assert ids[("POST", "/api/v1/orders")] == "placeOrder"
    assert ids[("GET", "/api/v1/orders")] == "listOrders"
    assert ids[("GET", "/api/v1/orders/{order_id}")] == "getOrder"
    assert ids[("POST", "/api/v1/auth/token")] == "logIn"
    assert ids[("GET", "/api/v1/me")] == "getMe"
