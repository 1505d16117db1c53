"""Routing errors from the real app are problem documents that carry the request id."""

from __future__ import annotations

from tests.api.conftest import Client


async def test_unknown_route_is_a_404_problem_with_the_request_id(client: Client) -> None:
    response = await client.get("/api/v1/nothing-here", headers={"X-Request-ID": "req-123"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "req-123"
    body = response.json()
    assert body["type"] == "urn:tenantry:problem:not-found"
    assert body["status"] == 404
    assert body["instance"] == "/api/v1/nothing-here"
    assert body["request_id"] == "req-123"


async def test_wrong_method_is_a_405_problem(client: Client) -> None:
    response = await client.post("/health/live")
    assert response.status_code == 405
    assert response.json()["type"] == "urn:tenantry:problem:method-not-allowed"


async def test_unsafe_request_ids_are_replaced(client: Client) -> None:
    response = await client.get("/health/live", headers={"X-Request-ID": "bad id\twith junk"})
    assert response.headers["x-request-id"] != "bad id\twith junk"
    assert len(response.headers["x-request-id"]) == 32
