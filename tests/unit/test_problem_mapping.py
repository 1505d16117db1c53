"""Every error leaves the app as an RFC 9457 problem document (no database needed)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Annotated

import msgspec
import pytest
from dishka import make_async_container
from dishka.integrations.litestar import LitestarProvider, setup_dishka
from litestar import Litestar, get, post
from litestar.params import FromPath, JSONBody
from litestar.testing import AsyncTestClient

from application.identity.access_revocations import AccessRevocations
from domain.shared.errors import (
    AppError,
    AuthenticationRequired,
    Conflict,
    FieldError,
    NotFound,
    PermissionDenied,
    ServiceUnavailable,
    ValidationFailed,
)
from infrastructure.identity.jwt_tokens import JwtAccessTokens
from infrastructure.jwt_signing_keys import KeyRing, SigningKey
from interface.http.app import create_http_app
from interface.http.auth import PUBLIC

Client = AsyncTestClient[Litestar]

RAISED: dict[str, AppError] = {
    "not-found": NotFound("Order 42 was not found."),
    "permission": PermissionDenied(),
    "auth": AuthenticationRequired(),
    "conflict": Conflict("Slug taken."),
    "validation": ValidationFailed("Bad.", (FieldError("lines[0].quantity", "must be > 0"),)),
    "unavailable": ServiceUnavailable("Gateway down.", retry_after_seconds=7),
}


class LineIn(msgspec.Struct):
    product: str
    quantity: Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]


@get("/raise/{name:str}", opt=PUBLIC)
async def raise_app_error(name: FromPath[str]) -> None:
    raise RAISED[name]


@get("/crash", opt=PUBLIC)
async def crash() -> None:
    raise RuntimeError("secret connection string postgres://admin:hunter2@db")


@post("/lines", opt=PUBLIC)
async def create_line(data: JSONBody[LineIn]) -> LineIn:
    return data


@pytest.fixture
async def client() -> AsyncIterator[Client]:
    keys = KeyRing(SigningKey("unit", "unit-test-secret-" * 3))
    tokens = JwtAccessTokens(keys, "tenantry", "tenantry-api", 900)
    app = create_http_app(
        tokens, AccessRevocations(900), api_handlers=[raise_app_error, crash, create_line]
    )
    container = make_async_container(LitestarProvider())
    setup_dishka(container, app)
    async with AsyncTestClient(app=app) as test_client:
        yield test_client
    await container.close()


@pytest.mark.parametrize(
    ("name", "status", "slug"),
    [
        ("not-found", 404, "not-found"),
        ("permission", 403, "permission-denied"),
        ("auth", 401, "authentication-required"),
        ("conflict", 409, "conflict"),
        ("validation", 400, "validation-failed"),
        ("unavailable", 503, "service-unavailable"),
    ],
)
async def test_app_errors_map_to_their_status(
    client: Client, name: str, status: int, slug: str
) -> None:
    response = await client.get(f"/api/v1/raise/{name}", headers={"X-Request-ID": "abc"})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == f"urn:tenantry:problem:{slug}"
    assert body["status"] == status
    assert body["detail"] == RAISED[name].detail
    assert body["instance"] == f"/api/v1/raise/{name}"
    assert body["request_id"] == response.headers["x-request-id"] != "abc"
    assert body["title"]


async def test_validation_problem_lists_the_bad_fields(client: Client) -> None:
    body = (await client.get("/api/v1/raise/validation")).json()
    assert body["errors"] == [{"field": "lines[0].quantity", "message": "must be > 0"}]


async def test_retry_after_and_www_authenticate_headers(client: Client) -> None:
    assert (await client.get("/api/v1/raise/unavailable")).headers["retry-after"] == "7"
    assert (await client.get("/api/v1/raise/auth")).headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"product": "p", "quantity": "three"}, "quantity"),
        ({"product": "p"}, "quantity"),
        ({"product": "p", "quantity": 2**70}, "quantity"),
        ({"product": "p", "quantity": 0}, "quantity"),
    ],
)
async def test_body_validation_is_a_400_problem_naming_the_field(
    client: Client, payload: dict[str, object], field: str
) -> None:
    response = await client.post("/api/v1/lines", json=payload)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:tenantry:problem:validation-failed"
    assert any(field in e["field"] or field in e["message"] for e in body["errors"]), body


async def test_malformed_json_is_a_400_problem(client: Client) -> None:
    response = await client.post(
        "/api/v1/lines", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["status"] == 400


async def test_unexpected_errors_are_a_generic_500_logged_with_traceback(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="tenantry.http"):
        response = await client.get("/api/v1/crash", headers={"X-Request-ID": "r-500"})
    assert response.status_code == 500
    body = response.json()
    assert body["type"] == "urn:tenantry:problem:internal-error"
    assert "hunter2" not in response.text and "RuntimeError" not in response.text
    assert response.headers["x-request-id"] in body["detail"]
    logged = [r for r in caplog.records if r.name == "tenantry.http"]
    assert logged and logged[0].exc_info is not None
    assert "hunter2" in str(logged[0].exc_info[1])
