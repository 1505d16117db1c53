"""The worker's loop: relay passes while there is work, then sleep until woken.

A pass that may have left due events behind (``RelayPass.more_due``) is followed by
another at once; otherwise the loop sleeps. It wakes on a notification (one that arrived
during the pass ends the sleep at once), at the next scheduled retry, or after ``poll`` at
the latest (the safety net). A database that goes away (a restart) is waited for with
backoff and the loop carries on once it is back. ``stop`` ends the loop between events: the event in
hand is finished and the rest of its batch released.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import asyncpg
from sqlalchemy.exc import SQLAlchemyError

from application.events.relay_outbox import RelayOutbox
from infrastructure.database.listener import PgListener

logger = logging.getLogger("tenantry.worker")

UNAVAILABLE = (SQLAlchemyError, OSError, asyncio.TimeoutError, asyncpg.PostgresError)
"""What a lost or restarting database raises; the loop waits and tries again."""


class RelayLoop:
    def __init__(
        self,
        relay: RelayOutbox,
        listener: PgListener,
        poll: timedelta,
    ) -> None:
        self._relay = relay
        self._listener = listener
        self._poll = poll

    async def run(self, stop: asyncio.Event) -> None:
        outage = 0
        try:
            while not stop.is_set():
                await self._listener.connect()
                try:
                    done = await self._relay.run_once(stop.is_set)
                    outage = 0
                    if not done.more_due:
                        await self._listener.wait(self._idle_seconds(done.next_retry), stop)
                except UNAVAILABLE as error:
                    outage += 1
                    pause = min(30.0, 0.25 * 2**outage)
                    logger.warning(
                        "database unavailable (%s); retrying in %.1f s", type(error).__name__, pause
                    )
                    await self._listener.wait(pause, stop)
        finally:
            await self._listener.close()

    def _idle_seconds(self, next_due: datetime | None) -> float:
        """Until the next scheduled retry, but no longer than the poll interval."""
        timeout = self._poll.total_seconds()
        if next_due is not None:
            timeout = min(timeout, (next_due - datetime.now(UTC)).total_seconds())
        return max(timeout, 0.0)
