"""The real app, wired by the composition root, over the test database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from litestar.testing import AsyncTestClient

from infrastructure.settings import Settings
from interface.composition.app import create_app
from tests.api.wire import wire  # noqa: F401 (every statement sent, in wire order)
from tests.database import DatabaseUnderTest, truncate_all

Client = httpx.AsyncClient
"""The app under test: Litestar's test client, or a real server's client (both httpx)."""
JWT_SECRET = "test-only-secret-not-for-production-" + "0123456789" * 4


def app_settings(database: DatabaseUnderTest, **overrides: Any) -> Settings:
    """Settings for the app under test: runtime role, cheap argon2, a fixed test secret."""
    base = Settings(
        database_url=database.urls.runtime,
        db_pool_size=2,
        jwt_secret=JWT_SECRET,
        argon2_time_cost=1,
        argon2_memory_kib=1024,
    )
    return replace(base, **overrides)


@pytest.fixture
async def client(database: DatabaseUnderTest) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(app_settings(database))) as test_client:
        yield test_client
    await truncate_all(database.owner)
