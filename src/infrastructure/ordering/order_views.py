"""SQL adapter of ``OrderViews``: orders as the API shows them, lines included.

One statement reads one order (``ORDER_BY_ID``) and one mapping (``order_view``) turns a
row into a view; a page is one statement too, its orders built as JSON by PostgreSQL and
decoded by msgspec (``order_pages``). Every subquery carries the tenant parameter as well,
not only a join on ``tenant_id`` (what Citus needs to route it to one shard).

A read inside an open transaction runs in it (an event handler reading what it was told
about, a customer's orders after the customer). Outside one it is a hot path
(``GET /orders/{id}``, ``GET /orders``): it borrows a connection from the engine's pool and
talks to asyncpg directly (SQLAlchemy's session would add about half a millisecond of
Python around a read this small): ``BEGIN READ ONLY; SET LOCAL app.tenant_id`` in one
message (the ``TenantScopedConnection`` mechanism), the statement prepared once,
``COMMIT``. Three round trips; row-level security applies as everywhere.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, TypeVar, cast
from uuid import UUID

import msgspec
from sqlalchemy import Text, bindparam
from sqlalchemy import cast as sql_cast
from sqlalchemy import select
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import await_only, greenlet_spawn

from domain.ordering.ports import OrderFilter
from domain.ordering.views import OrderLineView, OrderView, PaymentView
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from infrastructure.database.errors import database_failures
from infrastructure.database.tenant_scope import TenantScopedConnection
from infrastructure.database.tenant_session import TenantSession
from infrastructure.ordering.columns import TENANT, Line, Ord, lines_array
from infrastructure.ordering.order_pages import (
    VIEWS,
    Statement,
    order_page,
    shape_of,
    values_of,
)

T = TypeVar("T")

_LINES = lines_array(Line.product_id, Line.quantity, Line.unit_price_minor, Line.line_total_minor)
_LINES_TEXT = sql_cast(_LINES.element, Text).label(_LINES.name)
"""The lines as JSON text: decoded once, by msgspec (``order_view``), not first by the
driver's json codec (``json.loads``) and then again into values (issue 13)."""
_COLUMNS = (
    Ord.id,
    Ord.status,
    Ord.customer_id,
    Ord.currency,
    Ord.total_minor,
    Ord.payment_status,
    Ord.payment_reference,
    Ord.payment_failure_code,
    Ord.version,
    Ord.created_at,
    Ord.updated_at,
    _LINES_TEXT,
)
ORDER_BY_ID = select(*_COLUMNS).where(Ord.tenant_id == TENANT, Ord.id == bindparam("order_id"))
ORDER_BY_ID_SQL = str(ORDER_BY_ID.compile(dialect=cast(Callable[[], Dialect], asyncpg_dialect)()))
"""The same statement for the driver: ``$1`` is the tenant, ``$2`` the order."""


_LINE_VALUES = msgspec.json.Decoder(list[tuple[UUID, int, int, int]])
"""The lines' JSON as values, the product ids parsed by msgspec (``uuid.UUID`` in Python cost
about 3 us a line; issue 13)."""


def order_view(row: Iterable[Any]) -> OrderView:
    """A view of a row of ``_COLUMNS`` (an asyncpg record or a SQLAlchemy row)."""
    id_, status, customer_id, currency, total, pay_status, reference, failure, *rest = row
    version, created_at, updated_at, raw_lines = rest
    if isinstance(raw_lines, str):  # the JSON text of ``ORDER_BY_ID``
        lines = _LINE_VALUES.decode(raw_lines)
    else:  # already decoded (a statement that selects them as json)
        lines = msgspec.convert(raw_lines, _LINE_VALUES.type)
    return OrderView(
        id_,
        status,
        customer_id,
        currency,
        total,
        [OrderLineView(p, q, u, t) for p, q, u, t in lines],
        PaymentView(pay_status, reference, failure),
        version,
        created_at,
        updated_at,
    )


async def _read_only(
    driver: TenantScopedConnection, read: Callable[[TenantScopedConnection], Awaitable[T]]
) -> T:
    async with driver.transaction(readonly=True):
        return await read(driver)


class SqlaOrderViews:
    def __init__(self, db: TenantSession, engine: AsyncEngine) -> None:
        self._db = db
        self._engine = engine

    async def get(self, order_id: UUID) -> OrderView | None:
        tenant_id = self._db.tenant_id
        if tenant_id is None:
            return None
        if self._db.in_transaction:
            params = {"tenant_id": tenant_id, "order_id": order_id}
            row: Iterable[Any] | None = (
                await self._db.session.execute(ORDER_BY_ID, params)
            ).first()
        else:
            row = await self._read_alone(tenant_id, order_id)
        return None if row is None else order_view(row)

    async def _read_alone(self, tenant_id: UUID, order_id: UUID) -> Iterable[Any] | None:
        async def read(driver: TenantScopedConnection) -> Iterable[Any] | None:
            return await driver.fetchrow(ORDER_BY_ID_SQL, tenant_id, order_id)

        return await self._alone(tenant_id, read)

    async def _alone(
        self, tenant_id: UUID, read: Callable[[TenantScopedConnection], Awaitable[T]]
    ) -> T:
        """``read`` on a connection borrowed from the pool, in a read-only transaction of
        its own for ``tenant_id`` (``BEGIN READ ONLY; SET LOCAL ...`` in one message). The
        driver's own errors are translated as the unit of work translates SQLAlchemy's.

        The pool is SQLAlchemy's, whose checkout and check-in may do I/O (connecting,
        closing an overflow connection) and so run in a greenlet: one for the whole
        borrowing, the read awaited from inside it. A greenlet each for the checkout and
        the check-in cost a third more (32 against 24 us per borrowing, issue 13).
        Whatever happens, the connection goes back to the pool, where check-in disarms
        it (``engine._checked_in``)."""
        async with database_failures():
            return await greenlet_spawn(self._borrowing, tenant_id, read)

    def _borrowing(
        self, tenant_id: UUID, read: Callable[[TenantScopedConnection], Awaitable[T]]
    ) -> T:
        pooled = self._engine.sync_engine.raw_connection()
        try:
            driver = pooled.driver_connection
            if not isinstance(driver, TenantScopedConnection):
                raise RuntimeError("the engine must use TenantScopedConnection")
            driver.arm(tenant_id)
            return await_only(_read_only(driver, read))
        finally:
            pooled.close()  # back to the pool (disarmed on check-in)

    async def list(self, where: OrderFilter, query: ListQuery) -> Page[OrderView]:
        """One statement (``order_pages``), and a second only for a page past the end."""
        page = order_page(shape_of(where, query))
        values = values_of(self._db.tenant_id, where, query)
        rows = await self._run(page.rows, values)
        counted = rows[0][1] if rows else next(iter(await self._run(page.count, values)), (0,))[0]
        views = VIEWS.decode("[" + ",".join(row[0] for row in rows) + "]")
        return Page.window(views, int(counted), query.page)

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

        return await self._alone(tenant_id, fetch)
