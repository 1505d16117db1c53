"""SQLAlchemy unit of work: a transaction boundary, and the one door events leave by.

``async with uow:`` begins a transaction on the scope's ``TenantSession`` for the caller's
tenant (``for_tenant`` for another one); ``commit()`` writes the events of the aggregates
saved in the transaction to the outbox, in that same transaction, and then commits: the
change and its events are durable together or not at all. Leaving the block rolls back
whatever was not committed. Driver errors raised inside the block leave it as
``AppError`` subclasses.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self
from uuid import UUID

from application.shared.tenant_context import TenantContext
from domain.shared.events import EventOutbox, EventSource
from infrastructure.database.errors import DRIVER_FAILURES, translate_failure
from infrastructure.database.tenant_session import TenantSession
from infrastructure.observability.metrics import count_committed


class SqlaUnitOfWork:
    """Implements ``domain.shared.unit_of_work.UnitOfWork``; not re-entrant."""

    def __init__(
        self,
        db: TenantSession,
        outbox: EventOutbox,
        acting_for: TenantContext | None = None,
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._acting_for = acting_for

    def for_tenant(self, tenant_id: UUID | None) -> SqlaUnitOfWork:
        return SqlaUnitOfWork(self._db, self._outbox, TenantContext(tenant_id))

    def track(self, aggregate: EventSource) -> None:
        self._db.track(aggregate)

    async def __aenter__(self) -> Self:
        acting = self._acting_for
        await self._db.begin(self._db.caller_tenant_id if acting is None else acting.tenant_id)
        return self

    async def commit(self) -> None:
        events = self._db.take_events()
        await self._outbox.append(events)
        await self._db.commit()
        count_committed(events)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await self._db.end()
        except DRIVER_FAILURES as ending:
            if exc is None:  # else the block's own failure is the one to report
                translated_ending = translate_failure(ending)
                if translated_ending is None:
                    raise
                raise translated_ending from ending
        translated = None if exc is None else translate_failure(exc)
        if translated is not None:
            raise translated from exc
