"""The statement of a page of orders, built and compiled once per shape of the query.

A page is one statement: the orders of the page and one more (whether more follow), each
as the JSON of an ``OrderView`` built by PostgreSQL (lines and payment inside, instants in
UTC), with the matching orders counted up to ``COUNT_LIMIT + 1`` in the same statement.
Every subquery carries the tenant parameter (what Citus needs to route it to one shard).

The shape (which filters are set, the sort field and direction) picks the statement; every
value is a bind parameter, so a shape is built and compiled once per process (at most 96 of
them) and a request only fills in its arguments: the Python work of a page does not grow
with its filters. ``OrderPage.core`` runs inside an open session transaction;
``OrderPage.sql`` and ``args`` go to the driver directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast
from uuid import UUID

import msgspec
from sqlalchemy import ColumnElement, Select, Text, bindparam
from sqlalchemy import cast as cast_
from sqlalchemy import func, literal_column, select
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import Dialect

from domain.ordering.ports import OrderFilter
from domain.ordering.views import OrderView
from domain.shared.listing import ListQuery
from infrastructure.ordering.columns import TENANT, Line, Ord, lines_array
from infrastructure.ordering.orm import OrderRow
from infrastructure.persistence.listing import bounded_count

_LINE_OBJECTS = lines_array(
    func.json_build_object(
        "product_id", Line.product_id, "quantity", Line.quantity,
        "unit_price_minor", Line.unit_price_minor, "line_total_minor", Line.line_total_minor,
    )
)  # fmt: skip


def _utc(column: ColumnElement[Any]) -> ColumnElement[str]:
    """An instant as RFC 3339 in UTC, whatever the session's time zone."""
    return func.to_char(func.timezone("UTC", column), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')


_ITEM = cast_(
    func.json_build_object(
        "id", Ord.id, "status", Ord.status, "customer_id", Ord.customer_id,
        "currency", Ord.currency, "total_minor", Ord.total_minor, "lines", _LINE_OBJECTS.element,
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
VIEWS = msgspec.json.Decoder(list[OrderView])
"""Decodes a page's items, joined into one JSON array, into views in one call."""


Shape = tuple[bool, bool, bool, bool, str, bool]
"""Which of status, customer, created_from, created_to are set; sort field; descending."""


def shape_of(where: OrderFilter, query: ListQuery) -> Shape:
    status, customer, start, end = (
        value is not None
        for value in (where.status, where.customer_id, where.created_from, where.created_to)
    )
    return status, customer, start, end, query.ordering.field, query.ordering.descending


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement two ways: for a session's transaction, and for the driver."""

    core: Select[Any]
    sql: str
    """``core`` compiled for asyncpg, ``$n`` placeholders in the order of ``names``."""
    names: tuple[str, ...]
    defaults: dict[str, Any]

    @classmethod
    def of(cls, core: Select[Any]) -> Statement:
        compiled = core.compile(dialect=cast(Callable[[], Dialect], asyncpg_dialect)())
        names = tuple(compiled.positiontup or ())
        return cls(core, str(compiled), names, dict(compiled.params))

    def args(self, values: dict[str, Any]) -> list[Any]:
        """The driver's positional arguments: ``values`` by name, the rest as compiled."""
        return [values[n] if n in values else self.defaults[n] for n in self.names]


@dataclass(frozen=True, slots=True)
class OrderPage:
    rows: Statement
    """The page and one more row: (item JSON, matching orders counted up to the bound)."""
    count: Statement
    """The count alone, for a page with no row to carry it (past the end)."""


def values_of(tenant_id: UUID | None, where: OrderFilter, query: ListQuery) -> dict[str, Any]:
    status = None if where.status is None else where.status.value
    return {
        "tenant_id": tenant_id,
        "status": status,
        "customer_id": where.customer_id,
        "created_from": where.created_from,
        "created_to": where.created_to,
        "page_limit": query.page.limit + 1,
        "page_offset": query.page.offset,
    }


@lru_cache(maxsize=128)
def order_page(shape: Shape) -> OrderPage:
    has_status, has_customer, has_from, has_to, field, descending = shape
    wanted: tuple[tuple[bool, ColumnElement[bool]], ...] = (
        (True, Ord.tenant_id == TENANT),
        (has_status, Ord.status == bindparam("status")),
        (has_customer, Ord.customer_id == bindparam("customer_id")),
        (has_from, Ord.created_at >= bindparam("created_from")),
        (has_to, Ord.created_at < bindparam("created_to")),
    )
    conditions = [condition for present, condition in wanted if present]
    count = bounded_count(select(literal_column("1")).select_from(OrderRow).where(*conditions))
    order: Callable[[Any], Any] = (lambda c: c.desc()) if descending else (lambda c: c.asc())
    rows = (
        select(_ITEM, count.scalar_subquery())
        .where(*conditions)
        .order_by(order(Ord[field]), order(Ord.id))
        .limit(bindparam("page_limit"))
        .offset(bindparam("page_offset"))
    )
    return OrderPage(Statement.of(rows), Statement.of(count))
