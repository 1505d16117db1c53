"""Adapter of ``RuntimeGauges``: the event backlog through the narrow ``event_backlog()``
function (migration 0014: two counts across every tenant)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.operations.ports import Gauges
from infrastructure.database.errors import database_failures

_BACKLOG = text("SELECT pending, dead FROM event_backlog()")


class SqlaRuntimeGauges:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def read(self) -> Gauges:
        async with database_failures(), self._engine.connect() as connection:
            row = (await connection.execute(_BACKLOG)).one()
        return Gauges(int(row.pending), int(row.dead))
