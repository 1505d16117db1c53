"""Adapter of ``DatabaseProbe``: reads ``alembic_version`` as the runtime role."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.operations.ports import SchemaState
from domain.shared.errors import ServiceUnavailable


class SqlaDatabaseProbe:
    def __init__(self, engine: AsyncEngine, expected_revision: str, timeout: float = 2.0) -> None:
        self._engine = engine
        self._expected = expected_revision
        self._timeout = timeout

    async def schema_state(self) -> SchemaState:
        try:
            async with self._engine.connect() as connection:
                current = await connection.scalar(
                    text("SELECT version_num FROM alembic_version LIMIT 1")
                )
        except (OperationalError, DBAPIError, OSError) as error:
            if isinstance(error, DBAPIError) and _is_missing_table(error):
                return SchemaState(None, self._expected)
            raise ServiceUnavailable("The database is unreachable.") from error
        return SchemaState(str(current) if current else None, self._expected)


def _is_missing_table(error: DBAPIError) -> bool:
    return getattr(error.orig, "sqlstate", None) == "42P01"
