"""SQLAlchemy unit of work: a transaction boundary, and the one door events leave by.

``async with uow:`` begins a transaction on the scope's ``TenantSession`` for the caller's
tenant (``for_tenant`` for another one); ``commit()`` ends it durably; leaving the block
rolls back whatever was not committed. The events of the aggregates written in a committed
transaction are handed to the ``EventDispatcher`` when the block is left, after the
transaction is closed; a rolled-back transaction delivers nothing. Driver errors raised
inside the block leave it as ``AppError`` subclasses.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self
from uuid import UUID

from sqlalchemy.exc import SQLAlchemyError

from application.shared.tenant_context import TenantContext
from domain.shared.events import DomainEvent, EventDispatcher, EventSource
from infrastructure.database.errors import translate
from infrastructure.database.tenant_session import TenantSession


class SqlaUnitOfWork:
    """Implements ``domain.shared.unit_of_work.UnitOfWork``; not re-entrant."""

    def __init__(
        self,
        db: TenantSession,
        events: EventDispatcher,
        acting_for: TenantContext | None = None,
    ) -> None:
        self._db = db
        self._events = events
        self._acting_for = acting_for
        self._committed: list[DomainEvent] | None = None

    def for_tenant(self, tenant_id: UUID | None) -> SqlaUnitOfWork:
        return SqlaUnitOfWork(self._db, self._events, TenantContext(tenant_id))

    def track(self, aggregate: EventSource) -> None:
        self._db.track(aggregate)

    async def __aenter__(self) -> Self:
        acting = self._acting_for
        await self._db.begin(self._db.caller_tenant_id if acting is None else acting.tenant_id)
        self._committed = None
        return self

    async def commit(self) -> None:
        self._committed = await self._db.commit()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        committed, self._committed = self._committed, None
        try:
            await self._db.end()
        finally:  # committed facts are delivered even if closing the session fails
            if committed:
                await self._events.dispatch(committed)
        if isinstance(exc, SQLAlchemyError):
            translated = translate(exc)
            if translated is not None:
                raise translated from exc
