"""Dishka provider of the operations context (part of the composition root)."""

from __future__ import annotations

from dishka import Provider, Scope, provide
from sqlalchemy.ext.asyncio import AsyncEngine

from application.operations.check_readiness import CheckReadiness
from domain.operations.ports import DatabaseProbe
from infrastructure.database.migrations import head_revision
from infrastructure.operations.database_probe import SqlaDatabaseProbe


class OperationsProvider(Provider):
    scope = Scope.APP

    @provide
    def probe(self, engine: AsyncEngine) -> DatabaseProbe:
        return SqlaDatabaseProbe(engine, head_revision())

    check_readiness = provide(CheckReadiness)
