"""Dishka providers: the composition root, the only place that wires adapters to ports."""

from __future__ import annotations

from collections.abc import AsyncIterator
from uuid import UUID

from dishka import Provider, Scope, from_context, provide
from litestar import Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from application.operations.check_readiness import CheckReadiness
from application.shared.tenant_context import TenantContext
from domain.operations.ports import DatabaseProbe
from domain.shared.unit_of_work import UnitOfWork
from infrastructure.database.engine import create_engine, create_session_factory
from infrastructure.database.migrations import head_revision
from infrastructure.database.unit_of_work import SqlaUnitOfWork
from infrastructure.operations.database_probe import SqlaDatabaseProbe
from infrastructure.settings import Settings


class DatabaseProvider(Provider):
    """Engine and session factory live as long as the app; the engine is disposed at exit."""

    settings = from_context(provides=Settings, scope=Scope.APP)

    @provide(scope=Scope.APP)
    async def engine(self, settings: Settings) -> AsyncIterator[AsyncEngine]:
        if settings.database_url is None:
            raise RuntimeError("DATABASE_URL is not set (the CLI sets it for the embedded server)")
        engine = create_engine(settings.database_url, settings.db_pool_size)
        yield engine
        await engine.dispose()

    @provide(scope=Scope.APP)
    def sessions(self, engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
        return create_session_factory(engine)

    @provide(scope=Scope.APP)
    def probe(self, engine: AsyncEngine) -> DatabaseProbe:
        return SqlaDatabaseProbe(engine, head_revision())

    @provide(scope=Scope.REQUEST)
    def unit_of_work(
        self, sessions: async_sessionmaker[AsyncSession], tenant: TenantContext
    ) -> UnitOfWork:
        # No finalizer commits here: the application commits before the response is sent.
        return SqlaUnitOfWork(sessions, tenant)


class RequestProvider(Provider):
    """Per-request values taken from the HTTP request (dishka's ``LitestarProvider`` supplies
    the bare ``Request`` key)."""

    @provide(scope=Scope.REQUEST)
    def tenant(self, request: Request) -> TenantContext:  # type: ignore[type-arg]
        """The tenant of the authenticated principal that auth put into ``scope["auth"]``.

        Without a principal there is no tenant, and the unit of work fails closed.
        """
        principal = request.scope.get("auth")
        tenant_id = getattr(principal, "tenant_id", None)
        return TenantContext(tenant_id if isinstance(tenant_id, UUID) else None)


class ApplicationProvider(Provider):
    """Use cases; each gets its ports injected."""

    check_readiness = provide(CheckReadiness, scope=Scope.APP)
