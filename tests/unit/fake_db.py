"""An in-memory database with real transactions, for use-case unit tests (no PostgreSQL).

``FakeUnitOfWork`` behaves like ``SqlaUnitOfWork``: ``async with uow:`` begins a
transaction on a copy of the committed tables, ``commit()`` writes the rows the
transaction changed (and only those) into the committed state, and leaving the block
without ``commit()`` throws the copy away, so a missing commit loses the writes exactly as
it would in PostgreSQL. ``current()`` reads a row as an ``UPDATE`` sees it: the latest
committed version unless this transaction changed it, so a compare-and-set loses to a
transaction that committed in between. Repositories written on ``FakeSession`` raise
outside a transaction, see only the transaction's tenant, and report the aggregates they
write; the unit of work writes their events to the outbox with the commit.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from types import TracebackType
from typing import Any, Self
from uuid import UUID

from domain.shared.events import DomainEvent, EventSource

Table = dict[UUID, Any]


class RecordingOutbox:
    """The fake ``EventOutbox``: records the events of every committed transaction."""

    def __init__(self) -> None:
        self.events: list[DomainEvent] = []

    async def append(self, events: Sequence[DomainEvent]) -> None:
        self.events.extend(events)


class FakeDatabase:
    def __init__(self) -> None:
        self.committed: dict[str, Table] = {}
        self.commits = 0
        self.rollbacks = 0

    def rows(self, table: str) -> Table:
        """Committed rows, for a test's assertions."""
        return self.committed.setdefault(table, {})


class FakeSession:
    """The fake ``TenantSession``: one per use case under test (a request scope)."""

    def __init__(self, database: FakeDatabase, caller_tenant_id: UUID | None) -> None:
        self.database = database
        self.caller_tenant_id = caller_tenant_id
        self.tenant_id = caller_tenant_id
        self._working: dict[str, Table] | None = None
        self._snapshot: dict[str, Table] = {}
        self._seen: list[EventSource] = []

    @property
    def in_transaction(self) -> bool:
        return self._working is not None

    def table(self, name: str) -> Table:
        if self._working is None:
            raise RuntimeError("no open transaction: use repositories inside 'async with uow:'")
        return self._working.setdefault(name, {})

    def mine(self, name: str) -> list[Any]:
        """The rows of ``name`` that belong to the transaction's tenant (row-level security)."""
        return [row for row in self.table(name).values() if row.tenant_id == self.tenant_id]

    def current(self, name: str, row_id: UUID) -> Any | None:
        """The row as an ``UPDATE`` of it would find it now (tenant's rows only)."""
        working = self.table(name).get(row_id)
        if working is None or working != self._snapshot.get(name, {}).get(row_id):
            row = working  # written (or deleted) by this transaction
        else:
            row = self.database.rows(name).get(row_id)
        return row if row is not None and row.tenant_id == self.tenant_id else None

    def track(self, aggregate: EventSource) -> None:
        if not any(seen is aggregate for seen in self._seen):
            self._seen.append(aggregate)

    def begin(self, tenant_id: UUID | None) -> None:
        if self._working is not None:
            raise RuntimeError("a transaction is already open in this scope (not re-entrant)")
        self._snapshot = copy.deepcopy(self.database.committed)
        self._working = copy.deepcopy(self._snapshot)
        self.tenant_id, self._seen = tenant_id, []

    def commit(self) -> list[DomainEvent]:
        if self._working is None:
            raise RuntimeError("commit() outside 'async with uow:'")
        events = [event for aggregate in self._seen for event in aggregate.take_events()]
        for name, working in self._working.items():
            before, committed = self._snapshot.get(name, {}), self.database.rows(name)
            for row_id, row in working.items():
                if before.get(row_id) != row:
                    committed[row_id] = copy.deepcopy(row)
            for row_id in before.keys() - working.keys():
                committed.pop(row_id, None)
        self.database.commits += 1
        return events

    def end(self, committed: bool) -> None:
        if self._working is not None and not committed:
            self.database.rollbacks += 1
        self._working, self._seen, self.tenant_id = None, [], self.caller_tenant_id


class FakeUnitOfWork:
    def __init__(
        self,
        session: FakeSession,
        events: RecordingOutbox,
        acting_for: tuple[UUID | None] | None = None,
    ) -> None:
        self.session = session
        self.events = events
        self._acting_for = acting_for
        self._committed = False

    def for_tenant(self, tenant_id: UUID | None) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.session, self.events, (tenant_id,))

    def track(self, aggregate: EventSource) -> None:
        self.session.track(aggregate)

    async def __aenter__(self) -> Self:
        acting = self._acting_for
        self.session.begin(self.session.caller_tenant_id if acting is None else acting[0])
        self._committed = False
        return self

    async def commit(self) -> None:
        """The events go to the outbox with the commit, as in ``SqlaUnitOfWork``."""
        await self.events.append(self.session.commit())
        self._committed = True

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        committed, self._committed = self._committed, False
        self.session.end(committed)
