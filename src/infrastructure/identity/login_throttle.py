"""``LoginThrottle`` on the shared rate counters (migration 0009).

Two counters, taken together in one statement (``rate_counter_login``, migration 0012)
before the password is verified:

- account and client: at most ``max_failures`` attempts per window since the last
  success; past that, this client is blocked on this account until the window ends.
- account, from every client: the first ``free`` attempts go at once, then each waits
  for an exponential backoff (capped) after the previous one. A burst from one client
  stops at the first counter, so it cannot lock the account out for anyone else; and an
  attempt the backoff refuses is not counted against its client.

Keys are UUIDv5 hashes of slug and e-mail (and client), so unknown tenants and users are
throttled exactly like real ones: nothing to detect.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import NAMESPACE_URL, UUID, uuid5

from infrastructure.database.rate_counters import SqlaRateCounters


@dataclass(frozen=True, slots=True)
class LoginThrottleRules:
    max_failures: int = 5
    window_seconds: int = 900
    free_attempts: int = 20
    backoff_cap_seconds: int = 60


def _key(*parts: str) -> UUID:
    return uuid5(NAMESPACE_URL, "tenantry:login:" + "\n".join(parts))


class SqlaLoginThrottle:
    def __init__(self, counters: SqlaRateCounters, rules: LoginThrottleRules) -> None:
        self._counters = counters
        self._rules = rules

    async def admit(self, slug: str, email: str, client: str) -> int:
        rules = self._rules
        return await self._counters.login(
            _key(slug, email, client),
            _key(slug, email),
            rules.max_failures,
            rules.window_seconds,
            rules.free_attempts,
            rules.backoff_cap_seconds,
        )

    async def succeeded(self, slug: str, email: str, client: str) -> None:
        await self._counters.clear((_key(slug, email, client), _key(slug, email)))
