"""The reads of the floor (``bench/floor_app.py``): the API's own statements, as the API
runs them (a page in a read-only transaction of its own scoped to the tenant, ``BEGIN``
with the ``SET LOCAL``; one order by ``tenant_order_document``, one round trip), the
orders sent as the documents stored with them, as the API sends them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast
from uuid import UUID

from domain.ordering.ports import OrderFilter
from domain.shared.listing import ListQuery, Ordering
from domain.shared.pagination import COUNT_LIMIT, PageRequest
from infrastructure.database.tenant_scope import TenantScopedConnection
from infrastructure.ordering.order_pages import order_page, shape_of, values_of
from infrastructure.ordering.order_views import read_document_row, scoped_read

_NEWEST_FIRST = Ordering("created_at", descending=True)
_ALL = OrderFilter()
T = TypeVar("T")


async def _scoped(
    pool: Any, tenant_id: UUID, read: Callable[[TenantScopedConnection], Awaitable[T]]
) -> T:
    connection: TenantScopedConnection
    async with pool.acquire() as connection:
        return await scoped_read(connection, tenant_id, read)


async def read_order(pool: Any, tenant_id: UUID, order_id: UUID) -> bytes | None:
    """The order's stored document, read as the API reads it, or None (not this tenant's).
    The row is (id, version, document text)."""
    connection: TenantScopedConnection
    async with pool.acquire() as connection:
        row = await read_document_row(connection, tenant_id, order_id)
    return None if row is None else cast(str, row[2]).encode()


async def read_page(pool: Any, tenant_id: UUID, limit: int) -> bytes:
    """The newest ``limit`` orders, by the API's own page statement: the items the stored
    documents as PostgreSQL joins them (one row of joined documents, rows fetched, bounded
    count), the page's fields as the API gives them."""
    query = ListQuery(PageRequest(limit, 0), _NEWEST_FIRST)
    statement = order_page(shape_of(_ALL, query))
    args = statement.args(values_of(tenant_id, _ALL, query))
    row = await _scoped(pool, tenant_id, lambda c: c.fetchrow(statement.sql, *args))
    joined, fetched, counted = row if row is not None else (None, 0, 0)
    items, more = joined or "", fetched > limit
    total = counted if counted <= COUNT_LIMIT else "null"
    page = f'"has_more":{str(more).lower()},"total":{total},"limit":{limit},"offset":0'
    return f'{{"items":[{items}],{page}}}'.encode()
