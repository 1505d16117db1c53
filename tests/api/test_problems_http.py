"""Routing errors from the real app are problem documents that carry the request id."""

from __future__ import annotations

import pytest

from tests.api.conftest import Client
from tests.api.identity_helpers import sign_up


async def test_unknown_route_is_a_404_problem_with_the_request_id(client: Client) -> None:
    response = await client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:tenantry:problem:not-found"
    assert body["status"] == 404
    assert body["instance"] == "/api/v1/nothing-here"
    assert body["request_id"] == response.headers["x-request-id"]
    assert len(body["request_id"]) == 32


async def test_a_clients_request_id_never_replaces_the_servers(client: Client) -> None:
    """Only a trusted proxy's X-Request-ID is taken (test_access_log.py checks that one and
    that the client's is logged beside the server's)."""
    response = await client.get("/health/live", headers={"X-Request-ID": "req-123"})
    assert response.headers["x-request-id"] != "req-123"
    assert len(response.headers["x-request-id"]) == 32


async def test_wrong_method_is_a_405_problem(client: Client) -> None:
    response = await client.post("/health/live")
    assert response.status_code == 405
    assert response.json()["type"] == "urn:tenantry:problem:method-not-allowed"


async def test_unsafe_request_ids_are_replaced(client: Client) -> None:
    response = await client.get("/health/live", headers={"X-Request-ID": "bad id\twith junk"})
    assert response.headers["x-request-id"] != "bad id\twith junk"
    assert len(response.headers["x-request-id"]) == 32


@pytest.mark.parametrize(
    "body",
    [
        b'{"tenant_slug":"acme","email":"\xc3","password":"x"}',  # invalid UTF-8 in a string
        b"[" * 1000 + b"]" * 1000,  # nested past the decoder's recursion limit
        b'{"tenant_slug": "acme", "email": 5}',
    ],
)
async def test_undecodable_bodies_are_a_400_problem_not_a_500(client: Client, body: bytes) -> None:
    response = await client.post(
        "/api/v1/auth/token", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "value",
    ["253402300800", "0.5", "yesterday", "2026-11-28T12:00:00", "9999-12-31T23:59:59+99:00"],
)
async def test_bad_timestamps_in_filters_are_a_400_naming_the_field(
    client: Client, value: str
) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    response = await client.get(
        "/api/v1/orders", params={"created_from": value}, headers=acme.headers
    )
    assert response.status_code == 400, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["created_from"]


async def test_the_schema_documents_problem_responses(client: Client) -> None:
    paths = (await client.get("/schema/openapi.json")).json()["paths"]
    place = paths["/api/v1/orders"]["post"]
    for status in ("400", "401", "402", "409", "422", "503"):
        assert "application/problem+json" in place["responses"][status]["content"], status
    assert "OrderOut" in str(place["responses"]["201"])
    header = [p for p in place["parameters"] if p["name"] == "Idempotency-Key"][0]
    assert header["required"] is True
    patch = paths["/api/v1/products/{product_id}"]["patch"]["responses"]
    assert {"412", "428"} <= set(patch)
