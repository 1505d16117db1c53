"""SQL adapter of ``OrderViews``: orders as the API shows them, read as the documents
stored with them (``documents.py``).

One statement reads one order's document (``ORDER_BY_ID``), one a page of them
(``order_pages``); a view, for the reads that work with its values, is decoded from the
document. Every subquery carries the tenant parameter as well, not only a join on
``tenant_id`` (what Citus needs to route it to one shard).

A read inside an open transaction runs in it (an event handler reading what it was told
about, a customer's orders after the customer). Outside one it is a hot path
(``GET /orders/{id}``, ``GET /orders``): it borrows a connection from the engine's pool and
talks to asyncpg directly (SQLAlchemy's session would add about half a millisecond of
Python around a read this small). A page is three round trips: ``BEGIN READ ONLY; SET
LOCAL app.tenant_id`` in one message (the ``TenantScopedConnection`` mechanism), the
statement prepared once, ``COMMIT``. A single order is one: ``tenant_order_document``
(migration 0024) scopes its statement's own transaction to the tenant and runs
``ORDER_BY_ID_SQL`` in it; on Citus, where a tenant reaches the workers only with a
``SET LOCAL``, it is three like a page. Row-level security applies as everywhere.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar, cast
from uuid import UUID

from sqlalchemy import Text, bindparam
from sqlalchemy import cast as cast_
from sqlalchemy import select
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import await_only, greenlet_spawn

from domain.ordering.ports import OrderFilter
from domain.ordering.views import OrderDocument, OrderView
from domain.shared.listing import ListQuery
from domain.shared.pagination import JoinedPage
from infrastructure.database.errors import database_failures
from infrastructure.database.tenant_scope import TenantScopedConnection
from infrastructure.database.tenant_session import TenantSession
from infrastructure.ordering.columns import TENANT, Ord
from infrastructure.ordering.documents import view_of_document
from infrastructure.ordering.order_pages import Statement, order_page, shape_of, values_of

T = TypeVar("T")

ORDER_BY_ID = select(Ord.id, Ord.version, cast_(Ord.view, Text)).where(
    Ord.tenant_id == TENANT, Ord.id == bindparam("order_id")
)
"""An order's id, version and document (as text: the driver's json codec would parse it)."""
ORDER_BY_ID_SQL = str(ORDER_BY_ID.compile(dialect=cast(Callable[[], Dialect], asyncpg_dialect)()))
"""The same statement for the driver: ``$1`` is the tenant, ``$2`` the order."""
ORDER_IN_ONE_ROUND_TRIP = "SELECT * FROM tenant_order_document($1, $2)"
"""``ORDER_BY_ID``'s ``SELECT`` in a transaction of its own scoped to ``$1`` (migration
0024)."""


def _document(row: Sequence[Any]) -> OrderDocument:
    """The document of a row of (id, version, document text)."""
    return OrderDocument(row[0], row[1], row[2])


async def scoped_read(
    driver: TenantScopedConnection,
    tenant_id: UUID,
    read: Callable[[TenantScopedConnection], Awaitable[T]],
) -> T:
    """``read`` in a read-only transaction of its own for ``tenant_id``."""
    driver.arm(tenant_id)
    async with driver.transaction(readonly=True):
        return await read(driver)


async def read_document_row(
    driver: TenantScopedConnection, tenant_id: UUID, order_id: UUID
) -> Sequence[Any] | None:
    """One order's row (id, version, document text) outside a transaction: one round trip,
    three on Citus (see the module docstring)."""
    found: Any
    if driver.on_citus:
        found = await scoped_read(
            driver, tenant_id, lambda d: d.fetchrow(ORDER_BY_ID_SQL, tenant_id, order_id)
        )
    else:
        found = await driver.fetchrow(ORDER_IN_ONE_ROUND_TRIP, tenant_id, order_id)
    return cast(Sequence[Any] | None, found)


class SqlaOrderViews:
    def __init__(self, db: TenantSession, engine: AsyncEngine) -> None:
        self._db = db
        self._engine = engine

    async def get(self, order_id: UUID) -> OrderView | None:
        document = await self.document(order_id)
        return None if document is None else view_of_document(document.json)

    async def document(self, order_id: UUID) -> OrderDocument | None:
        tenant_id = self._db.tenant_id
        if tenant_id is None:
            return None
        if self._db.in_transaction:
            params = {"tenant_id": tenant_id, "order_id": order_id}
            row: Sequence[Any] | None = (
                await self._db.session.execute(ORDER_BY_ID, params)
            ).first()
        else:
            row = await self._read_alone(tenant_id, order_id)
        return None if row is None else _document(row)

    async def _read_alone(self, tenant_id: UUID, order_id: UUID) -> Sequence[Any] | None:
        return await self._alone(lambda driver: read_document_row(driver, tenant_id, order_id))

    async def _alone(self, use: Callable[[TenantScopedConnection], Awaitable[T]]) -> T:
        """``use`` a connection borrowed from the pool. The driver's own errors are
        translated as the unit of work translates SQLAlchemy's.

        The pool is SQLAlchemy's, whose checkout and check-in may do I/O (connecting,
        closing an overflow connection) and so run in a greenlet: one for the whole
        borrowing, the read awaited from inside it. A greenlet each for the checkout and
        the check-in cost a third more (32 against 24 us per borrowing, issue 13).
        Whatever happens, the connection goes back to the pool, where check-in disarms
        it (``engine._checked_in``)."""
        async with database_failures():
            return await greenlet_spawn(self._borrowing, use)

    def _borrowing(self, use: Callable[[TenantScopedConnection], Awaitable[T]]) -> T:
        pooled = self._engine.sync_engine.raw_connection()
        try:
            driver = pooled.driver_connection
            if not isinstance(driver, TenantScopedConnection):
                raise RuntimeError("the engine must use TenantScopedConnection")
            return await_only(use(driver))
        finally:
            pooled.close()  # back to the pool (disarmed on check-in)

    async def documents(self, where: OrderFilter, query: ListQuery) -> JoinedPage:
        """One statement (``order_pages``), one row."""
        values = values_of(self._db.tenant_id, where, query)
        rows = await self._run(order_page(shape_of(where, query)), values)
        joined, fetched, counted = rows[0] if rows else (None, 0, 0)
        return JoinedPage.window(joined or "", fetched, counted, query.page)

    async def _run(self, statement: Statement, values: dict[str, Any]) -> Sequence[Any]:
        """In the open transaction; else on the driver in a read-only one of its own,
        like ``get`` (none without a tenant: nothing to read)."""
        if self._db.in_transaction:
            found: Sequence[Any] = (await self._db.session.execute(statement.core, values)).all()
            return found
        tenant_id = self._db.tenant_id
        if tenant_id is None:
            return []
        args = statement.args(values)

        async def fetch(driver: TenantScopedConnection) -> Sequence[Any]:
            rows: Sequence[Any] = await driver.fetch(statement.sql, *args)
            return rows

        return await self._alone(lambda driver: scoped_read(driver, tenant_id, fetch))
