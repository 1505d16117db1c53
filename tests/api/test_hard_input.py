"""Hard input (issue 11): every case of the corpus (``hard_input_cases.py``), and a
malformed id in every path parameter of every route, gets a problem naming what is wrong,
never a 500, and writes nothing: both tenants' products, customers, orders and users, and
their stock, are what they were. The body limit on the real server: ``test_body_limit``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from uuid import uuid4

import httpx
import pytest
from litestar.testing import AsyncTestClient

from interface.composition.app import create_app
from interface.http.problems import problem_type
from tests.api.conftest import Client, app_settings
from tests.api.hard_input_case import API, Case
from tests.api.hard_input_cases import CASES
from tests.api.hard_input_seed import Tenant, seed, state
from tests.api.tenant_attack_routes import app_of, operations, random_ids, send
from tests.database import DatabaseUnderTest, truncate_all

World = tuple[Client, Tenant, Tenant]


@pytest.fixture(scope="module")
async def world(database: DatabaseUnderTest) -> AsyncIterator[World]:
    """The app and two seeded tenants, acme (who sends every case) and globex, for the
    whole module (seeding per case would cost a minute): each case checks that it changed
    nothing."""
    try:
        async with AsyncTestClient(app=create_app(app_settings(database))) as client:
            yield client, await seed(client, "acme"), await seed(client, "globex")
    finally:
        await truncate_all(database.owner)


def fill(text: str, ids: dict[str, str]) -> str:
    for name, value in ids.items():
        text = text.replace(f"{{{name}}}", value)
    return text


async def run(client: Client, case: Case, tenant: Tenant) -> httpx.Response:
    headers = {**tenant.account.headers, "Idempotency-Key": str(uuid4()), **case.headers}
    if case.content_type is not None:
        headers["Content-Type"] = case.content_type
    for name in case.without:
        del headers[name]
    content = None
    if case.body is not None:  # bytes that may not be UTF-8, placeholders filled in
        content = fill(case.body.decode(errors="surrogateescape"), tenant.ids)
    return await client.request(
        case.method,
        API + fill(case.path, tenant.ids),
        headers=headers,
        content=None if content is None else content.encode(errors="surrogateescape"),
    )


def answer(response: httpx.Response) -> tuple[int, str | None, list[str]]:
    """What a client reads from a refusal: the status, the problem type, the fields named."""
    if not response.headers.get("content-type", "").startswith("application/problem+json"):
        return response.status_code, None, []
    problem = response.json()
    return response.status_code, problem["type"], [e["field"] for e in problem.get("errors", [])]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
async def test_hard_input_gets_a_problem_naming_the_field_and_writes_nothing(
    world: World, case: Case
) -> None:
    client, acme, globex = world
    before = await state(client, acme, globex)
    response = await run(client, case, acme)
    assert answer(response) == (
        case.status,
        problem_type(case.slug),
        list(case.fields),
    ), response.text[:1000]
    assert await state(client, acme, globex) == before


async def test_a_malformed_id_in_any_path_parameter_is_a_400_naming_it(world: World) -> None:
    client, acme, globex = world
    before = await state(client, acme, globex)
    walked = [op for op in operations(app_of(client)) if op.path_params]
    assert len(walked) >= 20, walked  # every route that takes an id, read from the router
    findings = []
    for op in walked:
        for name in op.path_params:
            ids = {**random_ids(op), name: "not-a-uuid"}
            # If-Match: * meets a PATCH's or DELETE's precondition, so only the id is wrong
            headers = {**acme.account.headers, "If-Match": "*"}
            response = await send(client, op, ids, headers, body_ids=acme.ids)
            if answer(response) != (400, problem_type("validation-failed"), [name]):
                findings.append(f"{op} {name}: {response.status_code} {response.text[:300]}")
    assert findings == []
    assert await state(client, acme, globex) == before
