"""``OutboxClaims`` over PostgreSQL: which tenants have due events, and one tenant's batch.

Every statement on the outbox carries ``tenant_id = :tenant_id`` and runs in a transaction
scoped to that tenant, so row-level security holds and a sharded cluster routes each claim
to one shard. Only the list of due tenants crosses tenants, through the ``SECURITY
DEFINER`` functions ``outbox_due_tenants`` and ``outbox_next_due`` over the narrow
``outbox_wakeups`` table: one statement asks both, in autocommit (one round trip).

A claim is one transaction: its first statement consumes the tenant's due wake-ups and
locks up to ``limit`` due events with ``FOR NO KEY UPDATE SKIP LOCKED`` (the row lock of
``FOR UPDATE`` without blocking the handlers' foreign keys to the event), both on one
snapshot (a wake-up committed after it stays, with its event, for the next pass), so
concurrent workers never take the same event. Settling an event updates its row in the
same transaction: a retry or a dead letter at once, the events done in one statement when
the claim ends (they commit with it either way).
If the claim ends early (a crash, an error, a shutdown) its wake-ups come back: rolled
back, or re-inserted by ``release`` (with a notification, since a worker sleeps after a
pass that left nothing due that it knows of).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Row, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from application.events.ports import DueWork, StoredEvent
from domain.shared.ids import new_id
from infrastructure.database.notify import notify
from infrastructure.database.tenant_scope import TENANT_INFO_KEY
from infrastructure.events.event_catalog import EventCatalog, UnknownEvent
from infrastructure.events.outbox import OUTBOX_CHANNEL

_DUE = text("""
SELECT ARRAY(SELECT d.tenant_id FROM outbox_due_tenants(:limit) WITH ORDINALITY AS d(tenant_id, n)
             ORDER BY d.n) AS tenants,
       outbox_next_due() AS next_retry
""")
_CLAIM = text("""
WITH consumed AS (
  DELETE FROM outbox_wakeups WHERE tenant_id = :tenant_id AND id IN (
    SELECT id FROM outbox_wakeups WHERE tenant_id = :tenant_id AND due_at <= now()
    FOR UPDATE SKIP LOCKED)
)
SELECT id, event_type, event_version, payload, occurred_at, attempts FROM outbox
WHERE tenant_id = :tenant_id AND status = 'pending' AND available_at <= now()
ORDER BY available_at, id LIMIT :limit
FOR NO KEY UPDATE SKIP LOCKED
""")
_DONE = text("""
UPDATE outbox SET status = 'done', attempts = attempts + 1, processed_at = now(),
                  updated_at = now()
WHERE tenant_id = :tenant_id AND id = ANY(CAST(:ids AS uuid[]))
""")
_RETRY = text("""
WITH retried AS (
  UPDATE outbox SET attempts = attempts + 1, last_error = :error, updated_at = now(),
                    available_at = now() + CAST(:delay AS interval)
  WHERE tenant_id = :tenant_id AND id = :id
)
INSERT INTO outbox_wakeups (tenant_id, id, due_at)
VALUES (:tenant_id, :wakeup_id, now() + CAST(:delay AS interval))
""")
_DEAD = text("""
UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = :error,
                  updated_at = now()
WHERE tenant_id = :tenant_id AND id = :id
""")
_WAKE_AGAIN = text(
    "INSERT INTO outbox_wakeups (tenant_id, id, due_at) VALUES (:tenant_id, :id, now())"
)
MAX_ERROR_LENGTH = 2000


class SqlaClaimedBatch:
    def __init__(
        self, session: AsyncSession, tenant_id: UUID, events: Sequence[StoredEvent], full: bool
    ) -> None:
        self.events = events
        self._session = session
        self._tenant_id = tenant_id
        self._more = full
        self._done: list[UUID] = []

    async def done(self, event_id: UUID) -> None:
        self._done.append(event_id)

    async def retry(self, event_id: UUID, error: str, delay: timedelta) -> None:
        await self._session.execute(
            _RETRY,
            {
                "tenant_id": self._tenant_id,
                "id": event_id,
                "error": error[:MAX_ERROR_LENGTH],
                "delay": delay,
                "wakeup_id": new_id(),
            },
        )

    async def dead(self, event_id: UUID, error: str) -> None:
        await self._session.execute(
            _DEAD, {"tenant_id": self._tenant_id, "id": event_id, "error": error[:MAX_ERROR_LENGTH]}
        )

    def release(self) -> None:
        self._more = True

    async def close(self) -> None:
        """Mark the done events; a full or released batch may leave due events behind:
        wake the tenant again, and every listening worker (at commit)."""
        if self._done:
            await self._session.execute(_DONE, {"tenant_id": self._tenant_id, "ids": self._done})
        if self._more:
            await self._session.execute(_WAKE_AGAIN, {"tenant_id": self._tenant_id, "id": new_id()})
            await notify(self._session, OUTBOX_CHANNEL, [str(self._tenant_id)])


class SqlaOutboxClaims:
    def __init__(
        self,
        engine: AsyncEngine,
        sessions: async_sessionmaker[AsyncSession],
        catalog: EventCatalog,
    ) -> None:
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")  # same pool
        self._sessions = sessions
        self._catalog = catalog

    async def due(self, limit: int) -> DueWork:
        async with self._autocommit.connect() as connection:
            row = (await connection.execute(_DUE, {"limit": limit})).one()
        return DueWork(list(row.tenants), row.next_retry)

    @asynccontextmanager
    async def claim(self, tenant_id: UUID, limit: int) -> AsyncIterator[SqlaClaimedBatch]:
        async with self._sessions(info={TENANT_INFO_KEY: tenant_id}) as session:
            async with session.begin():
                rows = await session.execute(_CLAIM, {"tenant_id": tenant_id, "limit": limit})
                events = [self._stored(tenant_id, row) for row in rows.all()]
                batch = SqlaClaimedBatch(session, tenant_id, events, len(events) >= limit)
                yield batch
                await batch.close()

    def _stored(self, tenant_id: UUID, row: Row[Any]) -> StoredEvent:
        stored = StoredEvent(
            row.id, tenant_id, row.event_type, row.occurred_at, row.attempts, row.payload, None
        )
        try:
            event = self._catalog.decode(row.event_type, row.event_version, tenant_id, row.payload)
        except UnknownEvent as problem:
            return replace(stored, problem=str(problem))
        return replace(stored, event=event)
