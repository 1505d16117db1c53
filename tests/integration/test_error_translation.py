"""Database errors leave the unit of work as AppErrors, never as driver exceptions."""

from __future__ import annotations

import traceback

import pytest
from sqlalchemy import bindparam, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity.tenant import Tenant
from domain.shared.errors import ServiceUnavailable, ValidationFailed
from infrastructure.database.engine import create_engine
from infrastructure.operations.database_probe import SqlaDatabaseProbe
from tests.database import DatabaseUnderTest
from tests.scopes import in_tenant


async def test_integer_out_of_range_on_the_server_is_a_validation_error(
    sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant, tenant_b: Tenant
) -> None:
    with pytest.raises(ValidationFailed):
        async with in_tenant(sessions, tenant_a) as db:
            await db.session.execute(text("SELECT 2147483648::int4"))


async def test_integer_out_of_range_in_the_driver_is_a_validation_error(
    sessions: async_sessionmaker[AsyncSession], tenant_a: Tenant, tenant_b: Tenant
) -> None:
    statement = text("SELECT CAST(:n AS int4)").bindparams(bindparam("n", type_=None))
    with pytest.raises(ValidationFailed):
        async with in_tenant(sessions, tenant_b) as db:
            await db.session.execute(statement, {"n": 2**40})


async def test_an_unreachable_database_is_service_unavailable() -> None:
    engine = create_engine("postgresql://nobody@/nowhere?host=/nonexistent-socket-dir")
    try:
        with pytest.raises(ServiceUnavailable):
            await SqlaDatabaseProbe(engine, "0001").schema_state()
    finally:
        await engine.dispose()


async def test_a_failing_statement_never_shows_its_bound_values(
    database: DatabaseUnderTest,
) -> None:
    """What a log line or a traceback of a failed statement would show: the SQL, not the
    values bound to it (an email, a token's hash)."""
    engine = create_engine(database.urls.runtime, pool_size=1)
    value = "carla.private@example.test"
    try:
        with pytest.raises(DBAPIError) as caught:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT length(:value) / 0"), {"value": value})
    finally:
        await engine.dispose()
    shown = "".join(traceback.format_exception(caught.value))
    assert "division by zero" in shown and "SELECT length(" in shown
    assert "parameters hidden" in shown
    assert value not in shown
