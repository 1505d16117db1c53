"""``LISTEN`` on a dedicated connection: wakes the relay when an event is committed, and
tells API processes about revoked sessions and suspended tenants.

The connection is re-opened when it is lost (a database restart); until then, and as a
safety net against any missed notification, its users also poll slowly. A (re)connect
wakes the waiter, since notifications sent while nobody listened are lost.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import asyncpg

logger = logging.getLogger("tenantry.database")


class PgListener:
    def __init__(
        self, dsn: str, channel: str, on_payload: Callable[[str], None] | None = None
    ) -> None:
        self._dsn = dsn
        self._channel = channel
        self._on_payload = on_payload
        self._connection: asyncpg.Connection | None = None
        self._woken = asyncio.Event()

    @property
    def listening(self) -> bool:
        return self._connection is not None and not self._connection.is_closed()

    async def connect(self) -> None:
        """Listen, if not already; a failure is logged and retried at the next call."""
        if self.listening:
            return
        connection: asyncpg.Connection | None = None
        try:
            connection = await asyncpg.connect(self._dsn, timeout=5)
            await connection.add_listener(self._channel, self._notified)
        except (
            OSError,
            asyncio.TimeoutError,
            asyncpg.PostgresError,
            asyncpg.InterfaceError,
        ) as error:
            logger.warning("cannot LISTEN on %s (%s); polling", self._channel, type(error).__name__)
            if connection is not None:
                connection.terminate()
            return
        connection.add_termination_listener(self._lost)
        self._connection = connection
        self._woken.set()  # what was notified while we were not listening is lost

    async def wait(self, seconds: float, stop: asyncio.Event) -> None:
        """Until a notification, ``stop``, or ``seconds`` have passed."""
        waiters = [asyncio.ensure_future(self._woken.wait()), asyncio.ensure_future(stop.wait())]
        try:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
            self._woken.clear()

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None and not connection.is_closed():
            connection.remove_termination_listener(self._lost)
            await connection.close(timeout=5)

    def _notified(self, connection: object, pid: int, channel: str, payload: object) -> None:
        if self._on_payload is not None and isinstance(payload, str):
            self._on_payload(payload)
        self._woken.set()

    def _lost(self, connection: object) -> None:
        logger.warning("the LISTEN connection on %s was lost; reconnecting", self._channel)
        self._woken.set()
