"""A Python client generated with ``openapi-python-client`` from the document the running app
serves reads well and works: generation warns about nothing, the client is laid out by
context with methods named after the short operation ids, and the README's walk-through runs
through it for two tenants, neither of which can read the other's orders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.api.conftest import app_settings
from tests.api.generated_client import generate, operation_modules, snake_case, walk_through
from tests.api.live_server import live_client
from tests.database import DatabaseUnderTest, truncate_all


def expected_modules(document: dict[str, Any]) -> dict[str, set[str]]:
    """One module per operation, named after its operation id, in its tag's package."""
    modules: dict[str, set[str]] = {}
    for item in document["paths"].values():
        for operation in item.values():
            (tag,) = operation["tags"]
            modules.setdefault(tag, set()).add(snake_case(operation["operationId"]))
    return modules


WALKED = {
    "sign_up": 201,
    "log_in": 200,
    "create_product": 201,
    "create_customer": 201,
    "paid_order": 201,
    "declined_order": 402,
    "get_declined_order": 200,
}
"""The status of each call of the walk-through, as the generated client answered it."""


def assert_walked_through(result: dict[str, Any], **more_statuses: int) -> None:
    assert result["statuses"] == WALKED | more_statuses
    paid = result["paid"]
    assert (paid["model"], paid["status"], paid["total_minor"]) == ("OrderOut", "paid", 2500)
    declined = result["declined"]
    assert declined["model"] == "Problem"
    assert declined["type"] == "urn:tenantry:problem:payment-declined"
    assert declined["failure_code"] == "card_declined"
    assert declined["order_id"] and declined["order_id"] != paid["id"]
    assert declined["order_status"] == "payment_failed"


async def test_a_generated_client_runs_the_readme_walk_through_for_two_tenants(
    database: DatabaseUnderTest, tmp_path: Path
) -> None:
    try:
        async with live_client(app_settings(database)) as server:
            served = await server.get("/schema/openapi.json")
            assert served.status_code == 200
            assert await generate(served.content, tmp_path) == [], "the generator warned"
            modules = operation_modules(tmp_path)
            assert modules == expected_modules(served.json())
            assert {"sign_up", "log_in", "get_me"} <= modules["identity"]
            assert {"place_order", "get_order", "list_orders"} <= modules["ordering"]

            base = str(server.base_url)
            acme = await walk_through(tmp_path, base, "acme")
            globex = await walk_through(tmp_path, base, "globex", acme["paid"]["id"])
    finally:
        await truncate_all(database.owner)
    assert_walked_through(acme)
    assert_walked_through(globex, get_another_tenants_order=404)
