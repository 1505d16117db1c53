"""Dishka providers shared by every context: the database, the transaction machinery, the
HTTP request's caller, idempotency keys, and what only operators get.

Together with each context's ``interface/http/<context>/provider.py`` this is the
composition root, the only place that wires adapters to ports.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

from dishka import Provider, Scope, alias, from_context, provide
from litestar import Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from application.idempotency.idempotent_requests import IdempotencyPolicy, IdempotentRequests
from application.idempotency.ports import IdempotencyKeys, RequestKey
from application.idempotency.purge_expired_keys import PurgeExpiredKeys
from application.shared.tenant_context import TenantContext
from domain.identity.principal import Principal
from domain.shared.actor import Actor
from domain.shared.errors import AuthenticationRequired
from domain.shared.events import EventOutbox
from domain.shared.tenant_roster import TenantRoster
from domain.shared.unit_of_work import UnitOfWork
from infrastructure.database.engine import OwnerEngine, create_engine, create_session_factory
from infrastructure.database.tenant_roster import SqlaTenantRoster
from infrastructure.database.tenant_session import TenantSession
from infrastructure.database.unit_of_work import SqlaUnitOfWork
from infrastructure.env_values import SettingsError
from infrastructure.events.event_catalog import EventCatalog
from infrastructure.events.outbox import SqlaEventOutbox
from infrastructure.idempotency.repository import SqlaIdempotencyKeys
from infrastructure.observability.tracing import Tracing, trace_engine
from infrastructure.settings import Settings
from interface.http.client_origin import ClientOrigin, ClientOrigins

MIN_POOL_SIZE = 2
"""A relay worker holds its claim's connection while a handler runs on a second one."""


class DatabaseProvider(Provider):
    """Engine and session factory live as long as the app; the engine is disposed at exit."""

    settings = from_context(provides=Settings, scope=Scope.APP)
    tracing = from_context(provides=Tracing, scope=Scope.APP)

    @provide(scope=Scope.APP)
    async def engine(self, settings: Settings, tracing: Tracing) -> AsyncIterator[AsyncEngine]:
        if settings.database_url is None:
            raise RuntimeError("DATABASE_URL is not set (the CLI sets it for the embedded server)")
        size = max(settings.db_pool_size, MIN_POOL_SIZE)
        engine = create_engine(settings.database_url, size, overflow=0)
        if tracing.provider is not None:
            trace_engine(engine, tracing.provider)
        yield engine
        await engine.dispose()

    @provide(scope=Scope.APP)
    def sessions(self, engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
        return create_session_factory(engine)


class TransactionProvider(Provider):
    """Per request (or command): the tenant-bound session every repository works on, the
    outbox its events are written to, and the unit of work that opens and commits its
    transactions. No finalizer commits: the application commits before answering."""

    scope = Scope.REQUEST

    @provide
    def tenant_session(
        self, sessions: async_sessionmaker[AsyncSession], caller: TenantContext
    ) -> TenantSession:
        return TenantSession(sessions, caller)

    @provide
    def outbox(self, db: TenantSession, catalog: EventCatalog) -> EventOutbox:
        return SqlaEventOutbox(db, catalog)

    @provide
    def unit_of_work(self, db: TenantSession, outbox: EventOutbox) -> UnitOfWork:
        return SqlaUnitOfWork(db, outbox)


class RequestProvider(Provider):
    """The HTTP request's caller (dishka's ``LitestarProvider`` supplies ``Request``)."""

    scope = Scope.REQUEST

    @provide
    def principal(self, request: Request) -> Principal:  # type: ignore[type-arg]
        """The verified caller that the bearer middleware put into ``scope["auth"]``."""
        principal = request.scope.get("auth")
        if not isinstance(principal, Principal):
            raise AuthenticationRequired()
        return principal

    @provide
    def client_origin(
        self, request: Request, addresses: ClientOrigins  # type: ignore[type-arg]
    ) -> ClientOrigin:
        return addresses.of(request.scope)

    @provide
    def actor(self, principal: Principal) -> Actor:
        return principal

    @provide
    def tenant(self, request: Request) -> TenantContext:  # type: ignore[type-arg]
        """The principal's tenant; without a principal none, and every transaction fails
        closed."""
        principal = request.scope.get("auth")
        return TenantContext(principal.tenant_id if isinstance(principal, Principal) else None)


class IdempotencyProvider(Provider):
    """``Idempotency-Key`` storage, for the edge (``interface/http/idempotency.py``); the
    request's ``IdempotentRequests`` is also the ``RequestKey`` its use case claims and answers."""

    scope = Scope.REQUEST

    @provide(scope=Scope.APP)
    def policy(self, settings: Settings) -> IdempotencyPolicy:
        return IdempotencyPolicy(timedelta(hours=settings.idempotency_ttl_hours))

    keys = provide(SqlaIdempotencyKeys, provides=IdempotencyKeys)
    requests = provide(IdempotentRequests)
    request_key = alias(source=IdempotentRequests, provides=RequestKey)


class OperatorProvider(Provider):
    """What only the operator CLI gets: no caller tenant, the owner role's engine, the
    roster of every tenant, and the purge of expired idempotency keys."""

    @provide(scope=Scope.REQUEST)
    def tenant(self) -> TenantContext:
        return TenantContext(None)

    @provide(scope=Scope.APP)
    async def owner_engine(self, settings: Settings) -> AsyncIterator[OwnerEngine]:
        if settings.database_owner_url is None:
            raise SettingsError(
                "DATABASE_OWNER_URL is required for this command: operators reach tenants "
                "through the owner role"
            )
        engine = create_engine(settings.database_owner_url, pool_size=1)
        yield OwnerEngine(engine)
        await engine.dispose()

    @provide(scope=Scope.APP)
    def roster(self, owner: OwnerEngine) -> TenantRoster:
        return SqlaTenantRoster(owner.engine)

    purge_keys = provide(PurgeExpiredKeys, scope=Scope.REQUEST)
