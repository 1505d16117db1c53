"""What every answer carries from the app's edge and the API's gate, whatever the route:
``Allow`` on ``OPTIONS`` (every method of the path, no token needed), ``X-Request-ID``
last, the rate limits' headers before it, and the problem documents of the gate's
refusals without the headers of the checks that never passed."""

from __future__ import annotations

from uuid import uuid4

from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up


async def test_options_lists_every_method_of_the_path_without_a_token(client: Client) -> None:
    await sign_up(client, "acme")
    await sign_up(client, "globex")
    one = await client.options(f"/api/v1/customers/{uuid4()}")
    many = await client.options("/api/v1/customers")
    assert one.status_code == 204 and many.status_code == 204
    assert one.headers["allow"] == "DELETE, GET, OPTIONS, PATCH"
    assert many.headers["allow"] == "GET, OPTIONS, POST"
    assert list(one.headers)[-2:] == ["allow", "x-request-id"]
    assert one.headers["x-request-id"] != many.headers["x-request-id"]


async def test_an_unknown_path_has_no_allow_but_its_request_id(client: Client) -> None:
    unknown = await client.options("/api/v1/nowhere")
    assert unknown.status_code == 404
    assert "allow" not in unknown.headers
    assert unknown.headers["content-type"] == "application/problem+json"
    assert unknown.json()["request_id"] == unknown.headers["x-request-id"]


async def test_a_write_carries_its_limits_then_the_request_id(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    body = {"email": "c@example.test", "name": "Carla"}
    created = await client.post("/api/v1/customers", json=body, headers=acme.headers)
    read = await client.get("/api/v1/customers", headers=globex.headers)
    assert created.status_code == 201 and read.status_code == 200
    names = list(created.headers)
    assert names[-3:] == ["ratelimit-policy", "ratelimit", "x-request-id"]
    assert created.headers["ratelimit-policy"].startswith('"user-writes"')
    assert "ratelimit" not in read.headers and read.json()["items"] == []


async def test_a_refused_token_is_a_problem_without_limit_headers(client: Client) -> None:
    await sign_up(client, "acme")
    await sign_up(client, "globex")
    headers = {"Authorization": "Basic abc"}
    refused = await client.post("/api/v1/customers", json={}, headers=headers)
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    assert "ratelimit" not in refused.headers
    assert refused.json()["request_id"] == refused.headers["x-request-id"]
    assert list(refused.headers)[-1] == "x-request-id"
