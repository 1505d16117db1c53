"""Fixtures shared by integration and API tests. All fixtures are async."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity.tenant import Tenant
from infrastructure.database.engine import create_session_factory
from tests.database import DatabaseUnderTest, start_test_database, truncate_all
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
