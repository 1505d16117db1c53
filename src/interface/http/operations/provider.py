"""Dishka provider of the operations context (part of the composition root)."""

from __future__ import annotations

from dishka import Provider, Scope, provide
from sqlalchemy.ext.asyncio import AsyncEngine

from application.operations.check_readiness import CheckReadiness
from application.operations.read_gauges import ReadGauges
from domain.operations.ports import DatabaseProbe, RuntimeGauges
from infrastructure.database.revisions import head_revision
from infrastructure.observability.metrics import exposition
from infrastructure.operations.database_probe import SqlaDatabaseProbe
from infrastructure.operations.runtime_gauges import SqlaRuntimeGauges
from infrastructure.settings import Settings
from interface.http.operations.metrics import MetricsPolicy


class OperationsProvider(Provider):
    scope = Scope.APP

    @provide
    def probe(self, engine: AsyncEngine) -> DatabaseProbe:
        return SqlaDatabaseProbe(engine, head_revision())

    check_readiness = provide(CheckReadiness)
    read_gauges = provide(ReadGauges)

    @provide
    def gauges(self, engine: AsyncEngine) -> RuntimeGauges:
        return SqlaRuntimeGauges(engine)

    @provide
    def metrics_policy(self, settings: Settings) -> MetricsPolicy:
        return MetricsPolicy(settings.metrics_enabled, settings.metrics_token, exposition)
