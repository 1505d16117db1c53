"""Operations a generated client reads well: ids in short lower camel case after the handler
(``placeOrder``, not ``ApiV1OrdersPlaceOrder``), unique across the document; one tag each,
the bounded context it belongs to, declared with a description for the docs UI."""

from __future__ import annotations

import re

from interface.composition.contexts import CONTEXTS
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


async def test_each_operation_has_one_tag_and_the_tags_are_the_described_contexts(
    client: Client,
) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    declared = {tag["name"]: tag.get("description", "") for tag in document["tags"]}
    used = {
        f"{method.upper()} {path}": operation.get("tags", [])
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }
    assert {route: tags for route, tags in used.items() if len(tags) != 1} == {}
    assert {tag for (tag,) in used.values()} == set(declared)
    assert set(declared) == {context.name for context in CONTEXTS}
    assert all(description.strip() for description in declared.values()), declared
    assert used["POST /api/v1/orders"] == ["ordering"]
    assert used["GET /api/v1/users"] == used["GET /api/v1/me/sessions"] == ["identity"]
    assert used["GET /health/ready"] == ["operations"]
