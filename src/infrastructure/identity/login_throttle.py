"""``LoginThrottle`` in PostgreSQL, so every worker process shares the same counters.

Runs through ``SECURITY DEFINER`` functions (migration 0002): the runtime role has no
grant on the ``login_throttle`` table itself. The key is a UUIDv5 of slug and e-mail, so
unknown tenants and users are throttled exactly like real ones (nothing to detect).
"""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

_CHECK = text("SELECT login_throttle_retry_after(:key, :max_failures, :window)")
_FAIL = text("SELECT login_throttle_fail(:key, :window)")
_RESET = text("SELECT login_throttle_reset(:key)")


def throttle_key(slug: str, email: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"tenantry:login:{slug}\n{email}")


class SqlaLoginThrottle:
    def __init__(self, engine: AsyncEngine, max_failures: int, window_seconds: int) -> None:
        self._engine = engine
        self._max = max_failures
        self._window = window_seconds

    async def retry_after(self, slug: str, email: str) -> int:
        async with self._engine.begin() as connection:
            seconds = await connection.scalar(
                _CHECK,
                {
                    "key": throttle_key(slug, email),
                    "max_failures": self._max,
                    "window": self._window,
                },
            )
        return int(seconds or 0)

    async def record_failure(self, slug: str, email: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                _FAIL, {"key": throttle_key(slug, email), "window": self._window}
            )

    async def reset(self, slug: str, email: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(_RESET, {"key": throttle_key(slug, email)})
