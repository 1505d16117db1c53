"""SQL adapter of ``OrderViews``: orders as the API shows them, lines included.

One statement reads one order (``ORDER_BY_ID``) and one mapping (``order_view``) turns a
row into a view; the list selects the same columns, so it maps its rows the same way.
Every subquery carries the tenant parameter as well, not only a join on ``tenant_id``
(what Citus needs to route it to one shard).

``get`` inside an open transaction runs in it (an event handler reading what it was told
about). Outside one it is the hot path of ``GET /orders/{id}``: it borrows a connection
from the engine's pool and talks to asyncpg directly (SQLAlchemy's session would add about
half a millisecond of Python around a read this small): ``BEGIN READ ONLY; SET LOCAL
app.tenant_id`` in one message (the ``TenantScopedConnection`` mechanism), the statement
prepared once, ``COMMIT``. Three round trips; row-level security applies as everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, cast
from uuid import UUID

import msgspec
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    Table,
    Text,
    bindparam,
)
from sqlalchemy import cast as cast_
from sqlalchemy import func, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import greenlet_spawn

from domain.ordering.ports import OrderFilter
from domain.ordering.views import OrderLineView, OrderView, PaymentView
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from infrastructure.database.tenant_scope import TenantScopedConnection
from infrastructure.database.tenant_session import TenantSession
from infrastructure.ordering.orm import OrderLineRow, OrderRow
from infrastructure.persistence.listing import matching_count, page_statement

# Core columns of the tables (not ORM attributes): reads skip the ORM layer entirely.
Ord = cast(Table, OrderRow.__table__).c
Line = cast(Table, OrderLineRow.__table__).c
TENANT: BindParameter[Any] = bindparam("tenant_id")
Conditions = list[ColumnElement[bool]]

_LINES = (
    select(
        func.coalesce(
            func.json_agg(
                aggregate_order_by(
                    func.json_build_array(
                        Line.product_id, Line.quantity, Line.unit_price_minor, Line.line_total_minor
                    ),
                    Line.line_no,
                )
            ),
            literal_column("'[]'::json"),
        )
    )
    .where(Line.tenant_id == TENANT, Line.order_id == Ord.id)
    .scalar_subquery()
    .label("lines")
)
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
    _LINES,
)
_LINE_OBJECTS = (
    select(
        func.coalesce(
            func.json_agg(
                aggregate_order_by(
                    func.json_build_object(
                        "product_id", Line.product_id, "quantity", Line.quantity,
                        "unit_price_minor", Line.unit_price_minor,
                        "line_total_minor", Line.line_total_minor,
                    ),
                    Line.line_no,
                )
            ),
            literal_column("'[]'::json"),
        )
    )
    .where(Line.tenant_id == TENANT, Line.order_id == Ord.id)
    .scalar_subquery()
)  # fmt: skip


def _utc(column: ColumnElement[Any]) -> ColumnElement[str]:
    """An instant as RFC 3339 in UTC, whatever the session's time zone."""
    return func.to_char(func.timezone("UTC", column), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')


_ITEM = cast_(
    func.json_build_object(
        "id", Ord.id, "status", Ord.status, "customer_id", Ord.customer_id,
        "currency", Ord.currency, "total_minor", Ord.total_minor, "lines", _LINE_OBJECTS,
        "payment", func.json_build_object(
            "status", Ord.payment_status, "reference", Ord.payment_reference,
            "failure_code", Ord.payment_failure_code,
        ),
        "version", Ord.version, "created_at", _utc(Ord.created_at),
        "updated_at", _utc(Ord.updated_at),
    ),
    Text,
)  # fmt: skip
"""A list item as the JSON of an ``OrderView``, built by PostgreSQL."""
_VIEWS = msgspec.json.Decoder(list[OrderView])

ORDER_BY_ID = select(*_COLUMNS).where(Ord.tenant_id == TENANT, Ord.id == bindparam("order_id"))
ORDER_BY_ID_SQL = str(ORDER_BY_ID.compile(dialect=cast(Callable[[], Dialect], asyncpg_dialect)()))
"""The same statement for the driver: ``$1`` is the tenant, ``$2`` the order."""


def order_view(row: Iterable[Any]) -> OrderView:
    """A view of a row of ``_COLUMNS`` (an asyncpg record or a SQLAlchemy row)."""
    id_, status, customer_id, currency, total, pay_status, reference, failure, *rest = row
    version, created_at, updated_at, raw_lines = rest
    if isinstance(raw_lines, str):  # SQLAlchemy's asyncpg dialect usually decodes json
        raw_lines = json.loads(raw_lines)
    return OrderView(
        id_,
        status,
        customer_id,
        currency,
        total,
        [OrderLineView(UUID(p), q, u, t) for p, q, u, t in raw_lines],
        PaymentView(pay_status, reference, failure),
        version,
        created_at,
        updated_at,
    )


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
        pooled = await self._engine.raw_connection()
        try:
            driver = pooled.driver_connection
            if not isinstance(driver, TenantScopedConnection):
                raise RuntimeError("the engine must use TenantScopedConnection")
            driver.arm(tenant_id)
            async with driver.transaction(readonly=True):
                return await driver.fetchrow(ORDER_BY_ID_SQL, tenant_id, order_id)
        finally:
            await greenlet_spawn(pooled.close)  # back to the pool (disarmed on check-in)

    async def list(self, where: OrderFilter, query: ListQuery) -> Page[OrderView]:
        """One statement (``list_statement``): the page (and one more row) as JSON built by
        PostgreSQL, with the matching orders counted up to the limit; decoded by msgspec in
        one call."""
        params = {"tenant_id": self._db.tenant_id}
        rows = (await self._db.session.execute(list_statement(where, query), params)).all()
        if rows:
            total = int(rows[0][1])
        else:  # past the end: no row carried the count
            counted = matching_count(OrderRow, order_conditions(where))
            total = int(await self._db.session.scalar(counted, params) or 0)
        views = _VIEWS.decode("[" + ",".join(row[0] for row in rows) + "]")
        return Page.window(views, total, query.page)


def order_conditions(where: OrderFilter) -> Conditions:
    """The tenant's orders ``where`` selects (the tenant is the ``tenant_id`` parameter)."""
    conditions: Conditions = [Ord.tenant_id == TENANT]
    if where.status is not None:
        conditions.append(Ord.status == where.status.value)
    if where.customer_id is not None:
        conditions.append(Ord.customer_id == where.customer_id)
    if where.created_from is not None:
        conditions.append(Ord.created_at >= where.created_from)
    if where.created_to is not None:
        conditions.append(Ord.created_at < where.created_to)
    return conditions


def list_statement(where: OrderFilter, query: ListQuery) -> Select[Any]:
    """The statement of a page of orders: each row a list item as JSON, and the matching
    orders counted up to ``COUNT_LIMIT + 1``; its one parameter left is ``tenant_id``
    (``bench/scale.py`` EXPLAINs it as built here)."""
    conditions = order_conditions(where)
    counted = matching_count(OrderRow, conditions).scalar_subquery()
    return page_statement(select(_ITEM, counted), OrderRow, conditions, query)
