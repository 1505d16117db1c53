"""The OpenAPI document tells clients (and the docs UI's Authorize button) about bearer auth."""

from __future__ import annotations

from tests.api.conftest import Client


async def test_bearer_scheme_is_declared_and_public_routes_are_marked(client: Client) -> None:
    schema = (await client.get("/schema/openapi.json")).json()
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    assert schema["security"] == [{"BearerToken": []}]
    paths = schema["paths"]
    assert paths["/api/v1/signup"]["post"]["security"] == [{}]
    assert paths["/api/v1/auth/token"]["post"]["security"] == [{}]
    assert paths["/health/live"]["get"]["security"] == [{}]
    assert paths["/health/ready"]["get"]["security"] == [{}]
    assert "security" not in paths["/api/v1/me"]["get"]
    assert set(paths["/api/v1/users/{user_id}"]) >= {"get", "patch", "delete"}
