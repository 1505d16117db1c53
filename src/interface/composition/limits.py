"""Dishka provider of the rate limits: the shared rate counters, the per-client limits of
the public routes, the per-user and per-tenant write limits, and who the client is."""

from __future__ import annotations

from dishka import Provider, Scope, provide
from sqlalchemy.ext.asyncio import AsyncEngine

from application.shared.purge_rate_counters import PurgeRateCounters
from application.shared.rate_limits import ClientRateLimiter, RateCounters, RateLimit
from infrastructure.database.rate_counters import SqlaRateCounters
from infrastructure.settings import Settings
from interface.http.client_origin import ClientOrigins
from interface.http.identity.limits import LOGIN, REFRESH, SIGNUP
from interface.http.rate_limits import RateLimitRules, WriteRateLimits

USER_WRITES = "user-writes"
TENANT_WRITES = "tenant-writes"


class LimitsProvider(Provider):
    scope = Scope.APP

    @provide
    def counters(self, engine: AsyncEngine) -> SqlaRateCounters:
        return SqlaRateCounters(engine)

    @provide
    def counters_port(self, counters: SqlaRateCounters) -> RateCounters:
        return counters

    @provide
    def limiter(self, counters: RateCounters) -> ClientRateLimiter:
        return ClientRateLimiter(counters)

    purge = provide(PurgeRateCounters, scope=Scope.REQUEST)

    @provide
    def rules(self, settings: Settings) -> RateLimitRules:
        limits = settings.limits
        return RateLimitRules(
            {
                name: RateLimit(name, *rate)
                for name, rate in (
                    (LOGIN, limits.login_rate),
                    (REFRESH, limits.refresh_rate),
                    (SIGNUP, limits.signup_rate),
                )
            }
        )

    @provide
    def write_rules(self, settings: Settings) -> WriteRateLimits:
        limits = settings.limits
        return WriteRateLimits(
            per_user=_rule_or_off(USER_WRITES, limits.user_write_rate),
            per_tenant=_rule_or_off(TENANT_WRITES, limits.tenant_write_rate),
        )

    @provide
    def addresses(self, settings: Settings) -> ClientOrigins:
        return ClientOrigins(settings.limits.trusted_proxies)


def _rule_or_off(name: str, rate: tuple[int, int]) -> RateLimit | None:
    """A limit of 0 requests is no limit."""
    return RateLimit(name, *rate) if rate[0] > 0 else None
