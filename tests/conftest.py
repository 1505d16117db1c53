"""Fixtures shared by integration and API tests. All fixtures are async."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity.tenant import Tenant
from infrastructure.database.engine import create_session_factory
from tests.database import DatabaseUnderTest, runs_citus, start_test_database, truncate_all
from tests.scopes import in_tenant


@pytest.fixture(scope="session")
async def database() -> AsyncIterator[DatabaseUnderTest]:
    async for database in start_test_database():
        yield database


@pytest.fixture
async def sessions(database: DatabaseUnderTest) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Runtime-role sessions on a database emptied after each test."""
    yield create_session_factory(database.runtime)
    await truncate_all(database.owner)


async def register_tenant(sessions: async_sessionmaker[AsyncSession], slug: str) -> Tenant:
    """Create a tenant the way signup does: inside a transaction scoped to its new id."""
    tenant = Tenant.register(f"Tenant {slug}", slug)
    async with in_tenant(sessions, tenant) as db:
        await db.tenants.add(tenant)
        await db.commit()
    return tenant


@pytest.fixture
async def tenant_a(sessions: async_sessionmaker[AsyncSession]) -> Tenant:
    return await register_tenant(sessions, "acme")


@pytest.fixture
async def tenant_b(sessions: async_sessionmaker[AsyncSession]) -> Tenant:
    return await register_tenant(sessions, "globex")


@pytest.fixture
async def on_citus(database: DatabaseUnderTest) -> None:
    """Skip unless the test database is on a Citus cluster (``make test-citus``)."""
    if not await runs_citus(database):
        pytest.skip("needs a Citus cluster: make test-citus")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On an external server (``TEST_DATABASE_URL``: ``make test-citus``), run only the tests
    that use the test database; the others (unit tests, tests of the embedded server's own
    lifecycle) have nothing to learn there and run in ``make test``."""
    if not os.environ.get("TEST_DATABASE_URL"):
        return
    kept = [item for item in items if "database" in getattr(item, "fixturenames", ())]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept
