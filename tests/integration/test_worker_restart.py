"""A worker outlives its database: PostgreSQL is stopped and started again under a running
``tenantry worker``, which waits, reconnects (its pool and its LISTEN connection) and
delivers what was committed afterwards. The test runs its own embedded server, so the
shared test database never goes away."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from functools import partial

import pytest

from infrastructure.database.embedded import DatabaseUrls, EmbeddedPostgres
from infrastructure.database.engine import create_engine, create_session_factory
from tests.database import own_server
from tests.workers import paid_events, reached, stop, until, worker_process


@pytest.fixture
async def own_database() -> AsyncIterator[tuple[EmbeddedPostgres, DatabaseUrls]]:
    async with own_server("tenantry_restart") as started:
        yield started


async def test_a_database_restart_under_a_running_worker_is_waited_out(
    own_database: tuple[EmbeddedPostgres, DatabaseUrls],
) -> None:
    server, urls = own_database
    async with worker_process(urls.runtime, RELAY_POLL_SECONDS="60") as worker:
        await _deliver(urls, "acme", 20)
        await asyncio.to_thread(server.stop)
        await asyncio.sleep(1.5)  # the worker finds its database gone
        await server.prepare("tenantry_restart")
        await _deliver(urls, "globex", 20)  # well within the 60 s poll: it listens again
        log = await stop(worker)
    assert "the LISTEN connection on tenantry_outbox was lost" in log


async def _deliver(urls: DatabaseUrls, slug: str, count: int) -> None:
    """Commit ``count`` events for a new tenant and wait until the worker sent them all."""
    engine = create_engine(urls.runtime, 2)
    try:
        sessions = create_session_factory(engine)
        tenant = await paid_events(sessions, slug, count)
        await until(partial(reached, sessions, [tenant], count), seconds=30)
    finally:
        await engine.dispose()
