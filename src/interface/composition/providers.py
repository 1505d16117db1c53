"""Dishka providers: the composition root, the only place that wires adapters to ports."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

from dishka import Provider, Scope, from_context, provide, provide_all
from litestar import Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from application.identity.current_user import GetCurrentUser, LogOut
from application.identity.log_in import LogIn
from application.identity.manage_users import (
    CreateUser,
    DeleteUser,
    GetUser,
    ListUsers,
    UpdateUser,
)
from application.identity.operator import AddUserToTenant, ChangePassword
from application.identity.policy import IdentityPolicy
from application.identity.refresh import RefreshSession
from application.identity.register_tenant import RegisterTenant
from application.identity.sessions import SessionIssuer
from application.identity.signup import SignUp
from application.identity.user_accounts import UserAccounts
from application.operations.check_readiness import CheckReadiness
from application.ordering.sweep import SweepStale
from application.shared.tenant_context import TenantContext
from domain.identity.ports import AccessTokens, LoginThrottle, PasswordHasher, TenantDirectory
from domain.identity.principal import Principal
from domain.operations.ports import DatabaseProbe
from domain.shared.errors import AuthenticationRequired
from domain.shared.unit_of_work import UnitOfWork, UnitOfWorkFactory
from domain.tenancy.ports import TenantCatalog
from infrastructure.database.engine import create_engine, create_session_factory
from infrastructure.database.migrations import head_revision
from infrastructure.database.unit_of_work import SqlaUnitOfWorkFactory
from infrastructure.identity.login_throttle import SqlaLoginThrottle
from infrastructure.identity.passwords import Argon2PasswordHasher
from infrastructure.operations.database_probe import SqlaDatabaseProbe
from infrastructure.settings import Settings
from infrastructure.tenancy.directory import SqlaTenantCatalog, SqlaTenantDirectory


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

    @provide(scope=Scope.APP)
    def unit_of_work_factory(self, sessions: async_sessionmaker[AsyncSession]) -> UnitOfWorkFactory:
        return SqlaUnitOfWorkFactory(sessions)


class RequestProvider(Provider):
    """Per-request values taken from the HTTP request (dishka's ``LitestarProvider`` supplies
    the bare ``Request`` key)."""

    @provide(scope=Scope.REQUEST)
    def principal(self, request: Request) -> Principal:  # type: ignore[type-arg]
        """The verified caller that the bearer middleware put into ``scope["auth"]``."""
        principal = request.scope.get("auth")
        if not isinstance(principal, Principal):
            raise AuthenticationRequired()
        return principal

    @provide(scope=Scope.REQUEST)
    def tenant(self, request: Request) -> TenantContext:  # type: ignore[type-arg]
        """The principal's tenant; without a principal none, and the unit of work fails
        closed."""
        principal = request.scope.get("auth")
        return TenantContext(principal.tenant_id if isinstance(principal, Principal) else None)

    @provide(scope=Scope.REQUEST)
    def unit_of_work(self, factory: UnitOfWorkFactory, tenant: TenantContext) -> UnitOfWork:
        # No finalizer commits here: the application commits before the response is sent.
        return factory.for_tenant(tenant.tenant_id)


class IdentityServices(Provider):
    """Identity adapters and the use cases that need no request (also used by the CLI)."""

    tokens = from_context(provides=AccessTokens, scope=Scope.APP)

    @provide(scope=Scope.APP)
    def policy(self, settings: Settings) -> IdentityPolicy:
        return IdentityPolicy(
            refresh_token_ttl=timedelta(days=settings.refresh_token_ttl_days),
            signup_enabled=settings.signup_enabled,
        )

    @provide(scope=Scope.APP)
    def hasher(self, settings: Settings) -> PasswordHasher:
        return Argon2PasswordHasher(settings.argon2_time_cost, settings.argon2_memory_kib)

    @provide(scope=Scope.APP)
    def throttle(self, engine: AsyncEngine, settings: Settings) -> LoginThrottle:
        return SqlaLoginThrottle(engine, settings.login_max_failures, settings.login_window_seconds)

    @provide(scope=Scope.APP)
    def directory(self, engine: AsyncEngine) -> TenantDirectory:
        return SqlaTenantDirectory(engine)

    app_scoped = provide_all(
        UserAccounts,
        SessionIssuer,
        RegisterTenant,
        SignUp,
        LogIn,
        RefreshSession,
        ChangePassword,
        AddUserToTenant,
        scope=Scope.APP,
    )


class IdentityRequests(Provider):
    """Use cases that act for the request's principal, in the request's unit of work."""

    request_scoped = provide_all(
        GetCurrentUser,
        LogOut,
        ListUsers,
        GetUser,
        CreateUser,
        UpdateUser,
        DeleteUser,
        scope=Scope.REQUEST,
    )


class OperationsProvider(Provider):
    """Use cases of operations."""

    check_readiness = provide(CheckReadiness, scope=Scope.APP)


class OperatorProvider(Provider):
    """What only the operator CLI gets: the owner role's engine and the tenant catalog."""

    @provide(scope=Scope.APP)
    async def catalog(self, settings: Settings) -> AsyncIterator[TenantCatalog]:
        if settings.database_owner_url is None:
            raise RuntimeError("DATABASE_OWNER_URL is required for this command")
        engine = create_engine(settings.database_owner_url, pool_size=1)
        yield SqlaTenantCatalog(engine)
        await engine.dispose()

    sweep = provide(SweepStale, scope=Scope.APP)
