"""The database side of one request or command: the open transaction, its tenant, and the
aggregates written in it.

The unit of work begins and ends each transaction here; repositories built on the same
``TenantSession`` (one per dishka request scope) run their statements in whatever
transaction is open, for its tenant, and report every aggregate they add or save.

Transaction boundaries: ``begin()`` opens a fresh session and ``session.begin()``; the
tenant is applied with ``SET LOCAL`` at that start (see ``tenant_scope``). ``commit()``
commits (the unit of work has written ``take_events()`` to the outbox just before);
``end()`` rolls back whatever was not committed and closes the session. Between
transactions no connection is held.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction, async_sessionmaker

from application.shared.tenant_context import TenantContext
from domain.shared.events import DomainEvent, EventSource
from infrastructure.database.tenant_scope import TENANT_INFO_KEY


class TenantSession:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], caller: TenantContext) -> None:
        self._sessions = sessions
        self.caller_tenant_id = caller.tenant_id
        self._tenant_id = caller.tenant_id
        self._session: AsyncSession | None = None
        self._transaction: AsyncSessionTransaction | None = None
        self._seen: list[EventSource] = []

    @property
    def session(self) -> AsyncSession:
        """The open transaction's session."""
        if self._session is None:
            raise RuntimeError("no open transaction: use repositories inside 'async with uow:'")
        return self._session

    @property
    def tenant_id(self) -> UUID | None:
        """The open transaction's tenant; between transactions, the caller's."""
        return self._tenant_id

    @property
    def in_transaction(self) -> bool:
        return self._session is not None

    def track(self, aggregate: EventSource) -> None:
        """Remember an aggregate written in the open transaction (once)."""
        if not any(seen is aggregate for seen in self._seen):
            self._seen.append(aggregate)

    async def begin(self, tenant_id: UUID | None) -> None:
        if self._session is not None:
            raise RuntimeError("a transaction is already open in this scope (not re-entrant)")
        session = self._sessions(info={TENANT_INFO_KEY: tenant_id})
        try:
            transaction = await session.begin()
        except BaseException:
            await session.close()
            raise
        self._session, self._transaction = session, transaction
        self._tenant_id, self._seen = tenant_id, []

    def take_events(self) -> list[DomainEvent]:
        """The new events of the aggregates written in the open transaction, in order."""
        return [event for aggregate in self._seen for event in aggregate.take_events()]

    async def commit(self) -> None:
        if self._transaction is None:
            raise RuntimeError("commit() outside 'async with uow:'")
        await self._transaction.commit()

    async def end(self) -> None:
        """Roll back what was not committed, close the session, forget the transaction."""
        session, transaction = self._session, self._transaction
        self._session = self._transaction = None
        self._tenant_id, self._seen = self.caller_tenant_id, []
        if session is None or transaction is None:
            return
        try:
            if transaction.is_active:
                await transaction.rollback()
        finally:
            await session.close()
