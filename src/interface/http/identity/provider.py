"""Dishka provider of the identity context: its adapters, services and use cases.

Part of the composition root: the only identity module that may import infrastructure.
"""

from __future__ import annotations

from datetime import timedelta

from dishka import Provider, Scope, from_context, provide, provide_all
from sqlalchemy.ext.asyncio import AsyncEngine

from application.identity.add_user_to_tenant import AddUserToTenant
from application.identity.change_my_password import ChangeMyPassword
from application.identity.change_password import ChangePassword
from application.identity.create_user import CreateUser
from application.identity.delete_tenant import DeleteTenant
from application.identity.delete_user import DeleteUser
from application.identity.get_current_user import GetCurrentUser
from application.identity.get_user import GetUser
from application.identity.list_my_sessions import ListMySessions
from application.identity.list_users import ListUsers
from application.identity.log_in import LogIn
from application.identity.log_out import LogOut
from application.identity.policy import IdentityPolicy
from application.identity.refresh_session import RefreshSession
from application.identity.register_tenant import RegisterTenant
from application.identity.revoke_my_session import RevokeMySession
from application.identity.revoke_user_sessions import RevokeUserSessions
from application.identity.sessions import SessionIssuer
from application.identity.sign_up import SignUp
from application.identity.suspend_tenant import SetTenantStatus
from application.identity.update_user import UpdateUser
from application.identity.user_accounts import UserAccounts
from domain.identity.ports import (
    AccessTokens,
    LoginThrottle,
    PasswordHasher,
    RefreshTokenRepository,
    SessionRepository,
    TenantCatalog,
    TenantDirectory,
    TenantEraser,
    TenantRepository,
    UserRepository,
)
from infrastructure.database.engine import OwnerEngine
from infrastructure.database.rate_counters import SqlaRateCounters
from infrastructure.identity.login_throttle import LoginThrottleRules, SqlaLoginThrottle
from infrastructure.identity.passwords import Argon2PasswordHasher
from infrastructure.identity.refresh_repository import SqlaRefreshTokenRepository
from infrastructure.identity.repository import SqlaUserRepository
from infrastructure.identity.session_repository import SqlaSessionRepository
from infrastructure.identity.tenant_directory import SqlaTenantCatalog, SqlaTenantDirectory
from infrastructure.identity.tenant_eraser import SqlaTenantEraser
from infrastructure.identity.tenants import SqlaTenantRepository
from infrastructure.settings import Settings


class IdentityProvider(Provider):
    """Process-wide adapters (APP); repositories and use cases per request (REQUEST)."""

    tokens = from_context(provides=AccessTokens, scope=Scope.APP)

    @provide(scope=Scope.APP)
    def policy(self, settings: Settings) -> IdentityPolicy:
        return IdentityPolicy(
            refresh_token_ttl=timedelta(days=settings.refresh_token_ttl_days),
            session_lifetime=timedelta(days=settings.session_max_days),
            signup_enabled=settings.signup_enabled,
            password_min_score=settings.password_min_score,
        )

    @provide(scope=Scope.APP)
    def hasher(self, settings: Settings) -> PasswordHasher:
        return Argon2PasswordHasher(
            settings.argon2_time_cost,
            settings.argon2_memory_kib,
            concurrency=settings.limits.hash_concurrency,
            queue=settings.limits.hash_queue,
        )

    @provide(scope=Scope.APP)
    def throttle(self, counters: SqlaRateCounters, settings: Settings) -> LoginThrottle:
        limits = settings.limits
        return SqlaLoginThrottle(
            counters,
            LoginThrottleRules(
                limits.login_max_failures,
                limits.login_window_seconds,
                limits.account_free_attempts,
                limits.account_backoff_cap_seconds,
            ),
        )

    @provide(scope=Scope.APP)
    def directory(self, engine: AsyncEngine) -> TenantDirectory:
        return SqlaTenantDirectory(engine)

    accounts = provide(UserAccounts, scope=Scope.APP)
    users = provide(SqlaUserRepository, provides=UserRepository, scope=Scope.REQUEST)
    tenants = provide(SqlaTenantRepository, provides=TenantRepository, scope=Scope.REQUEST)
    refresh_tokens = provide(
        SqlaRefreshTokenRepository, provides=RefreshTokenRepository, scope=Scope.REQUEST
    )
    sessions = provide(SqlaSessionRepository, provides=SessionRepository, scope=Scope.REQUEST)
    use_cases = provide_all(
        SessionIssuer,
        RegisterTenant,
        SignUp,
        LogIn,
        RefreshSession,
        GetCurrentUser,
        LogOut,
        ListUsers,
        GetUser,
        CreateUser,
        UpdateUser,
        DeleteUser,
        ChangeMyPassword,
        ListMySessions,
        RevokeMySession,
        RevokeUserSessions,
        scope=Scope.REQUEST,
    )


class IdentityOperations(Provider):
    """Only for operator commands: every tenant, read and deleted through the owner role."""

    @provide(scope=Scope.APP)
    def catalog(self, owner: OwnerEngine) -> TenantCatalog:
        return SqlaTenantCatalog(owner.engine)

    @provide(scope=Scope.APP)
    def eraser(self, owner: OwnerEngine) -> TenantEraser:
        return SqlaTenantEraser(owner.engine)

    operator_use_cases = provide_all(
        SetTenantStatus, DeleteTenant, AddUserToTenant, ChangePassword, scope=Scope.REQUEST
    )
