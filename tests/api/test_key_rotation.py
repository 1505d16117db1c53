"""The documented key rotation, over HTTP, as three deployments of one database: before,
during (new key current, old key previous) and after (old key retired)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import jwt
from litestar.testing import AsyncTestClient

from infrastructure.jwt_signing_keys import SigningKey
from interface.composition.app import create_app
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import bearer, sign_up
from tests.database import DatabaseUnderTest, truncate_all

OLD = SigningKey("2026-01", "the-old-signing-secret-for-tests-0123456789")
NEW = SigningKey("2026-05", "the-new-signing-secret-for-tests-0123456789")


@asynccontextmanager
async def _deployment(database: DatabaseUnderTest, **signing: Any) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(app_settings(database, **signing))) as client:
        yield client


async def _me(client: Client, token: str) -> int:
    return (await client.get("/api/v1/me", headers=bearer(token))).status_code


async def test_tokens_of_the_previous_key_work_until_it_is_retired(
    database: DatabaseUnderTest,
) -> None:
    try:
        async with _deployment(database, jwt_secret=OLD.secret, jwt_key_id=OLD.kid) as before:
            acme = await sign_up(before, "acme")
            globex = await sign_up(before, "globex")
        assert jwt.get_unverified_header(acme.access_token)["kid"] == OLD.kid

        during = {"jwt_secret": NEW.secret, "jwt_key_id": NEW.kid, "jwt_previous_keys": (OLD,)}
        async with _deployment(database, **during) as client:
            assert await _me(client, acme.access_token) == 200
            assert await _me(client, globex.access_token) == 200
            response = await client.post(
                "/api/v1/auth/refresh", json={"refresh_token": acme.refresh_token}
            )
            renewed = response.json()["access_token"]
        assert jwt.get_unverified_header(renewed)["kid"] == NEW.kid

        async with _deployment(database, jwt_secret=NEW.secret, jwt_key_id=NEW.kid) as after:
            assert await _me(after, acme.access_token) == 401
            assert await _me(after, globex.access_token) == 401
            assert await _me(after, renewed) == 200
    finally:
        await truncate_all(database.owner)
