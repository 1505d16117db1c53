"""Tenant attack suite (OWASP API1, broken object level authorization), issue 11.

Every operation is read from the app's router, so a new route is attacked without editing
this file. Tenant B (globex, owner role: no permission hides a leak) attacks tenant A
(acme): A's ids in every route that takes one, for every method, must answer 404 exactly
as a random id does, and leave A's data unchanged; ``tenant_id`` and A's ids smuggled in
bodies and query strings are refused and create nothing; no list, filter or sort shows
A's rows. Suspended and deleted tenants: ``test_tenant_attacks_gone.py``.
"""

from __future__ import annotations

import json
from typing import Any, cast

import pytest

from tests.api.conftest import Client
from tests.api.tenant_attack_routes import (
    Operation,
    app_of,
    body_for,
    problem_of,
    query_values,
    random_ids,
    send,
)
from tests.api.tenant_attack_seed import Seeded, World, leaked, seed_world, snapshot
from tests.database import DatabaseUnderTest


@pytest.fixture
async def world(client: Client, database: DatabaseUnderTest) -> World:
    return await seed_world(client, database)


async def _etag(client: Client, op: Operation, owner: Seeded) -> str:
    """The victim's current ETag of the resource ``op`` acts on (guessable: versions
    count from 1), so a precondition cannot be what stops the attack."""
    resource = op.template[: op.template.index("}") + 1].format(**owner.ids)
    response = await client.get(resource, headers=owner.account.headers)
    return str(response.headers.get("etag", '"1"'))


async def test_every_route_taking_an_id_answers_404_to_another_tenant(
    client: Client, world: World
) -> None:
    acme, globex, ops = world
    attacked = [op for op in ops if op.path_params]
    assert {"GET /api/v1/orders/{order_id}", "DELETE /api/v1/products/{product_id}"} <= {
        str(op) for op in attacked
    }
    before = await snapshot(client, ops, acme)
    findings = []
    for op in attacked:
        etag = await _etag(client, op, acme)
        variants = [{"If-Match": etag}, {"If-Match": '"999"'}, {}] if op.method != "GET" else [{}]
        for n, precondition in enumerate(variants):
            headers = {**globex.account.headers, **precondition}
            theirs = await send(client, op, acme.ids, headers, body_ids=globex.ids)
            missing = await send(client, op, random_ids(op), headers, body_ids=globex.ids)
            if (
                (n == 0 and theirs.status_code != 404)
                or problem_of(theirs) != problem_of(missing)
                or leaked(acme, theirs.text, acme.ids.values())
            ):
                findings.append(f"{op} {precondition}: {theirs.status_code} {theirs.text}")
    assert findings == []
    assert await snapshot(client, ops, acme) == before


async def test_tenant_id_in_a_body_or_a_query_string_is_refused(
    client: Client, world: World
) -> None:
    acme, globex, ops = world
    before = await snapshot(client, ops, acme)
    findings = []
    for op in ops:
        smuggled = {"tenant_id": acme.account.tenant_id}
        query = await send(client, op, globex.ids, globex.account.headers, params=smuggled)
        if query.status_code != 400 or "tenant_id" not in query.text:
            findings.append(f"{op} ?tenant_id: {query.status_code} {query.text}")
        if op.body_type is not None:
            body = {**cast(dict[str, Any], body_for(op, globex.ids)), **smuggled}
            # If-Match: * gets a PATCH or DELETE past its precondition to the body
            any_version = {**globex.account.headers, "If-Match": "*"}
            sent = await send(client, op, globex.ids, any_version, json=body)
            if sent.status_code != 400 or "tenant_id" not in sent.text:
                findings.append(f"{op} body tenant_id: {sent.status_code} {sent.text}")
    assert findings == []
    assert await snapshot(client, ops, acme) == before
    assert leaked(acme, json.dumps(await snapshot(client, ops, globex))) == []


async def test_another_tenants_ids_in_a_body_are_refused_and_create_nothing(
    client: Client, world: World
) -> None:
    acme, globex, ops = world
    before = await snapshot(client, ops, acme), await snapshot(client, ops, globex)
    tried, findings = [], []
    for op in (op for op in ops if op.body_type is not None and not op.public):
        for kind, foreign in acme.ids.items():
            body = body_for(op, {**globex.ids, kind: foreign})
            if foreign not in json.dumps(body):
                continue
            tried.append(f"{op} {kind}")
            sent = await send(client, op, globex.ids, globex.account.headers, json=body)
            if sent.status_code not in (404, 422) or leaked(acme, sent.text, [foreign]):
                findings.append(f"{op} {kind}: {sent.status_code} {sent.text}")
    assert tried, "no body takes an id: nothing was attacked"
    assert findings == []
    assert (await snapshot(client, ops, acme), await snapshot(client, ops, globex)) == before


async def test_no_list_filter_or_sort_shows_another_tenants_rows(
    client: Client, world: World
) -> None:
    acme, globex, ops = world
    schema = app_of(client).openapi_schema.to_schema()
    lists = [op for op in ops if op.method == "GET" and not op.path_params]
    findings = []
    for op in lists:
        own = await client.get(op.url({}), headers=acme.account.headers)
        assert leaked(acme, own.text), f"{op}: seed a row that this list shows"
        tries: list[dict[str, str]] = [{}] + [
            {name: value}
            for name, values in query_values(schema, op, acme.ids, acme.markers).items()
            for value in values
        ]
        for params in tries:
            theirs = await client.get(op.url({}), params=params, headers=globex.account.headers)
            if theirs.status_code != 200 or leaked(acme, theirs.text):
                findings.append(f"{op} {params}: {theirs.status_code} {theirs.text}")
    assert findings == []
