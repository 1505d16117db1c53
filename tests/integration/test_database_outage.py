"""The database goes away under a running app: requests get 503 problems quickly (not a
500, not a hang), readiness says 503, and once the database is back the app serves again
without a restart, its gauge of connections in use back where it was. The test runs its own
embedded server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from litestar.testing import AsyncTestClient
from prometheus_client import REGISTRY

from infrastructure.database.embedded import DatabaseUrls, EmbeddedPostgres
from infrastructure.settings import Settings
from interface.composition.app import create_app
from tests.api.conftest import JWT_SECRET, Client
from tests.api.identity_helpers import sign_up
from tests.database import own_server


@pytest.fixture
async def own_database() -> AsyncIterator[tuple[EmbeddedPostgres, DatabaseUrls]]:
    async with own_server("tenantry_outage") as started:
        yield started


async def test_an_outage_is_a_quick_503_and_the_app_recovers_by_itself(
    own_database: tuple[EmbeddedPostgres, DatabaseUrls],
) -> None:
    server, urls = own_database
    settings = Settings(
        database_url=urls.runtime,
        db_pool_size=2,
        jwt_secret=JWT_SECRET,
        argon2_time_cost=1,
        argon2_memory_kib=1024,
    )
    in_use_before = _connections_in_use()
    async with AsyncTestClient(app=create_app(settings)) as client:
        acme = await sign_up(client, "acme")
        await sign_up(client, "globex")
        await asyncio.to_thread(server.stop)
        started = time.monotonic()
        down = [await client.get(path, headers=acme.headers) for path in _READS]
        ready = await client.get("/health/ready")
        took = time.monotonic() - started
        await server.prepare("tenantry_outage")
        back = await _until_ok(client, acme.headers)
    assert [r.status_code for r in down] == [503, 503, 503], [r.text for r in down]
    assert all(r.headers["content-type"] == "application/problem+json" for r in down)
    assert "retry-after" in down[0].headers
    assert ready.status_code == 503
    assert took < 15
    assert back.status_code == 200
    assert _connections_in_use() == in_use_before  # the failed checkouts counted nothing


_READS = (
    "/api/v1/products",
    "/api/v1/orders",  # the order reads go to the driver directly (order_views.py)
    "/api/v1/orders/0192f4a2-7c1e-7d7a-9a0b-2f6f1c9e8d31",
)


def _connections_in_use() -> float:
    value = REGISTRY.get_sample_value("tenantry_db_connections_in_use")
    assert value is not None
    return value


async def _until_ok(client: Client, headers: dict[str, str]) -> httpx.Response:
    deadline = time.monotonic() + 20
    while True:
        response = await client.get("/api/v1/products", headers=headers)
        if response.status_code == 200 or time.monotonic() > deadline:
            return response
        await asyncio.sleep(0.2)
