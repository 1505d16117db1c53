"""Rate counters in PostgreSQL (migration 0009), shared by every worker process.

The runtime role has no grant on ``rate_counters``; it calls ``SECURITY DEFINER``
functions, each one statement that increments and decides together. A statement is atomic
on its own, so each runs in autocommit: one round trip, no ``BEGIN``/``COMMIT`` around it
(a write's rate check sits on the hot path of every authenticated write).
``rate_counter_take`` commits its transaction asynchronously (migration 0021): never call it
inside a transaction that writes anything else, which would then commit asynchronously too.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.database.errors import database_failures

_TAKE = text("SELECT hits, reset_seconds FROM rate_counter_take(:key, :window)")
# The counters one after the other, in the order given (the lateral call runs once per key,
# in ordinality order): requests taking the same keys lock their rows in the same order.
_TAKE_MANY = text(
    "SELECT t.hits, t.reset_seconds"
    " FROM unnest(CAST(:keys AS uuid[]), CAST(:windows AS integer[]))"
    " WITH ORDINALITY AS k(key, seconds, n)"
    " CROSS JOIN LATERAL rate_counter_take(k.key, k.seconds) AS t ORDER BY k.n"
)
_LOGIN = text("SELECT rate_counter_login(:pair, :account, :max, :window, :free, :cap)")
_CLEAR = text("SELECT rate_counter_clear(CAST(:keys AS uuid[]))")
_PURGE = text("SELECT rate_counter_purge()")


class SqlaRateCounters:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")  # same pool

    async def take(self, key: UUID, window_seconds: int) -> tuple[int, int]:
        async with database_failures(), self._engine.connect() as connection:
            row = (await connection.execute(_TAKE, {"key": key, "window": window_seconds})).one()
        return int(row.hits), int(row.reset_seconds)

    async def take_many(self, keys: Sequence[tuple[UUID, int]]) -> list[tuple[int, int]]:
        """Every counter in one statement (atomic on its own): all counted, or none."""
        params = {"keys": [key for key, _ in keys], "windows": [window for _, window in keys]}
        async with database_failures(), self._engine.connect() as connection:
            rows = (await connection.execute(_TAKE_MANY, params)).all()
        return [(int(row.hits), int(row.reset_seconds)) for row in rows]

    async def login(
        self, pair: UUID, account: UUID, max_hits: int, window_seconds: int, free: int, cap: int
    ) -> int:
        """A login attempt in one step: ``pair`` (account and client) may not be past
        ``max_hits`` in its window, and ``account`` not in backoff; only an attempt that goes
        ahead is counted on ``pair``. Seconds to wait, or 0."""
        params = {
            "pair": pair,
            "account": account,
            "max": max_hits,
            "window": window_seconds,
            "free": free,
            "cap": cap,
        }
        async with database_failures(), self._engine.connect() as connection:
            return int(await connection.scalar(_LOGIN, params) or 0)

    async def clear(self, keys: Sequence[UUID]) -> None:
        async with database_failures(), self._engine.connect() as connection:
            await connection.execute(_CLEAR, {"keys": list(keys)})

    async def purge(self) -> int:
        """Delete the counters whose window has ended; the number deleted."""
        async with database_failures(), self._engine.connect() as connection:
            return int(await connection.scalar(_PURGE) or 0)
