"""The OpenAPI document shows one realistic example on every request and response body: each
valid against its own schema, the same on every start (nothing random), telling one
consistent story (an order's lines add up, a page holds its item's example), and each create
operation's request example, sent as it is, is accepted by the API in any tenant."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import msgspec

from interface.composition.app import create_app
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import Account, bearer, sign_up
from tests.database import DatabaseUnderTest

Document = dict[str, Any]


async def served(client: Client) -> Document:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def resolved(document: Document, schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with its ``$ref`` followed (``#/components/schemas/OrderOut``)."""
    while "$ref" in schema:
        node: Any = document
        for part in str(schema["$ref"]).removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        schema = node
    return schema


def bodies(document: Document) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every request and response body's schema, named by where it is."""
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for media, content in operation.get("requestBody", {}).get("content", {}).items():
                yield f"{method.upper()} {path} body {media}", content["schema"]
            for status, response in operation["responses"].items():
                for media, content in (response.get("content") or {}).items():
                    yield f"{method.upper()} {path} {status} {media}", content["schema"]


def example_sites(node: Any, pointer: str = "#") -> Iterator[tuple[str, list[Any]]]:
    """Every schema's ``examples`` in ``node``, with the JSON pointer of that schema."""
    if isinstance(node, dict):
        if isinstance(node.get("examples"), list) and ("/schema" in pointer or pointer == "#"):
            yield pointer, node["examples"]
        for key, value in node.items():
            escaped = str(key).replace("~", "~0").replace("/", "~1")
            yield from example_sites(value, f"{pointer}/{escaped}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from example_sites(value, f"{pointer}/{index}")


def example_of(document: Document, schema_name: str) -> Any:
    (example,) = document["components"]["schemas"][schema_name]["examples"]
    return example


async def test_every_request_and_response_body_has_one_example(client: Client) -> None:
    document = await served(client)
    found: dict[str, list[Any]] = {
        where: resolved(document, schema).get("examples") or []
        for where, schema in bodies(document)
    }
    assert len(found) > 90, "the walk found too few bodies"
    assert {where: examples for where, examples in found.items() if len(examples) != 1} == {}
    assert found["POST /api/v1/orders 201 application/json"][0]["status"] == "paid"
    assert found["GET /api/v1/orders/{order_id} 404 application/problem+json"][0]["type"]


async def test_every_example_is_valid_against_its_own_schema(client: Client) -> None:
    document = await served(client)
    sites = list(example_sites(document))
    assert len(sites) > 50, "the walk found too few examples"
    invalid = []
    for pointer, examples in sites:
        validator = jsonschema_rs.Draft202012Validator(
            {**document, "$ref": pointer}, validate_formats=True
        )
        for example in examples:
            invalid += [f"{pointer}: {error.message}" for error in validator.iter_errors(example)]
    assert invalid == []


async def test_examples_are_the_same_on_every_start(
    client: Client, database: DatabaseUnderTest
) -> None:
    """Nothing is generated at random: another app instance documents the same examples."""
    first = dict(example_sites(await served(client)))
    again = create_app(app_settings(database)).openapi_schema.to_schema()
    second = dict(example_sites(msgspec.json.decode(msgspec.json.encode(again))))
    assert first == second


async def test_the_examples_tell_one_consistent_story(client: Client) -> None:
    document = await served(client)
    order = example_of(document, "OrderOut")
    assert order["lines"] and len(order["lines"]) == 2
    for line in order["lines"]:
        assert line["line_total_minor"] == line["quantity"] * line["unit_price_minor"]
    assert order["total_minor"] == sum(line["line_total_minor"] for line in order["lines"])
    assert (order["status"], order["currency"], order["payment"]["status"]) == (
        "paid",
        "EUR",
        "succeeded",
    )
    assert order["payment"]["reference"]
    product, customer = example_of(document, "ProductOut"), example_of(document, "CustomerOut")
    assert order["customer_id"] == customer["id"]
    assert order["lines"][0]["product_id"] == product["id"]
    assert order["lines"][0]["unit_price_minor"] == product["unit_price_minor"]
    assert example_of(document, "OrderIn")["customer_id"] == customer["id"]
    problem = example_of(document, "Problem")
    assert (problem["status"], problem["errors"][0]["field"]) == (400, "unit_price_minor")
    pages = [name for name in document["components"]["schemas"] if name.startswith("PageOut")]
    assert len(pages) >= 8
    for name in pages:
        page = example_of(document, name)
        item = resolved(document, document["components"]["schemas"][name]["properties"]["items"])
        assert page["items"] == resolved(document, item["items"])["examples"], name
        assert page["total"] >= len(page["items"]) and page["limit"] >= len(page["items"]), name


async def send_example(
    client: Client,
    document: Document,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    template: str | None = None,
) -> Any:
    """Send the operation's request example as it is; ``template`` is the collection path
    of an item's path (``/api/v1/products`` for ``/api/v1/products/<id>``)."""
    item = f"{template}/{{{template.rsplit('/', 1)[1][:-1]}_id}}" if template else path
    content = document["paths"][item][method]["requestBody"]["content"]["application/json"]
    body = resolved(document, content["schema"])["examples"][0]
    return await client.request(method.upper(), path, json=body, headers=headers or {})


async def test_each_create_example_is_accepted_as_it_is_in_every_tenant(client: Client) -> None:
    document = await served(client)
    tenants: list[Account] = [await sign_up(client, "globex"), await sign_up(client, "initech")]
    signed_up = await send_example(client, document, "post", "/api/v1/signup")
    assert signed_up.status_code == 201, signed_up.text
    assert (await send_example(client, document, "post", "/api/v1/signup")).status_code == 409
    token = await send_example(client, document, "post", "/api/v1/auth/token")
    assert token.status_code == 200, token.text
    owner = bearer(token.json()["access_token"])
    changed = await send_example(client, document, "post", "/api/v1/me/password", owner)
    assert changed.status_code == 200, changed.text
    for account in tenants:
        for path in ("/api/v1/products", "/api/v1/customers", "/api/v1/users", "/api/v1/webhooks"):
            created = await send_example(client, document, "post", path, account.headers)
            assert created.status_code == 201, f"{account.slug} {path}: {created.text}"
            again = await send_example(client, document, "post", path, account.headers)
            assert again.status_code in (201, 409), f"{account.slug} {path}: {again.text}"
            one = f"{path}/{created.json()['id']}"
            headers = {**account.headers, "If-Match": "*"}
            changed = await send_example(client, document, "patch", one, headers, template=path)
            assert changed.status_code == 200, f"{account.slug} PATCH {one}: {changed.text}"
