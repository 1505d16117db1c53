"""EXPLAIN of the app's own order reads, as the app sends them (the index catalog check is
``bench/scale_indexes.py``).

The statements are built by the adapter's code (``ORDER_BY_ID_SQL``, ``order_page``),
compiled for asyncpg as SQLAlchemy's dialect compiles them, and explained as the runtime
role in a read-only transaction scoped by the app's own ``SET LOCAL app.tenant_id``. Each is
explained twice: ``EXPLAIN (ANALYZE, BUFFERS)`` with A's values (the custom plan, and what it
costs) and, ``PREPARE``d, as ``EXPLAIN EXECUTE`` under ``plan_cache_mode =
force_generic_plan`` (the generic plan a prepared statement may switch to after five
executions; both asyncpg and SQLAlchemy's dialect prepare every statement).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import asyncpg

from domain.ordering.ports import OrderFilter
from domain.ordering.status import OrderStatus
from domain.shared.listing import ListQuery, parse_ordering
from domain.shared.pagination import PageRequest
from infrastructure.database.tenant_scope import set_local_statement
from infrastructure.ordering.order_pages import order_page, shape_of, values_of
from infrastructure.ordering.order_views import ORDER_BY_ID_SQL
from interface.http.ordering.filters import DEFAULT_ORDER, SORTABLE

BIG_TABLES = ("orders", "order_lines")
PAGE = 50


@dataclass(frozen=True, slots=True)
class Statement:
    name: str
    sql: str
    args: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Scan:
    table: str
    node: str
    """``Index Scan``, ``Index Only Scan``, ``Bitmap Heap Scan``, ``Seq Scan``..."""
    index: str | None
    rows: int | None
    """Rows the node returned over all its loops (EXPLAIN ANALYZE only)."""


@dataclass(frozen=True, slots=True)
class Explained:
    statement: str
    scans: list[Scan]
    generic_scans: list[Scan]
    sorted_rows: int
    """Rows fed to (non-incremental) Sort nodes: a sort that grows with the data."""
    ms: float
    buffers: int
    """Shared buffers hit + read by the whole statement."""

    @property
    def seq_scans(self) -> list[Scan]:
        return [s for s in self.scans + self.generic_scans if s.node == "Seq Scan"]


ListVariant = tuple[str, OrderFilter, ListQuery]


def _list(name: str, where: OrderFilter, order_by: str, offset: int = 0) -> ListVariant:
    query = ListQuery(PageRequest(PAGE, offset), parse_ordering(order_by, SORTABLE, DEFAULT_ORDER))
    return name, where, query


def _list_variants(customer_id: UUID, now: datetime) -> Iterator[ListVariant]:
    """The default page, every ordering the API offers, every filter (default ordering), and
    a deep offset."""
    for field in sorted(SORTABLE):
        for order_by in (f"-{field}", field):
            yield _list(f"list order_by={order_by}", OrderFilter(), order_by)
    day = now - timedelta(days=10)
    yield _list("list status=paid", OrderFilter(status=OrderStatus.PAID), DEFAULT_ORDER)
    yield _list("list customer_id=A's", OrderFilter(customer_id=customer_id), DEFAULT_ORDER)
    window = OrderFilter(created_from=day, created_to=day + timedelta(days=1))
    yield _list("list created_from/to (1 day)", window, DEFAULT_ORDER)
    yield _list("list offset=10000", OrderFilter(), DEFAULT_ORDER, offset=10_000)


def app_statements(tenant_id: UUID, order_id: UUID, customer_id: UUID) -> list[Statement]:
    """The single read and every list variant, as the adapter sends them to the driver
    (``order_pages``), with their arguments for tenant A."""
    statements = [Statement("read one order", ORDER_BY_ID_SQL, (tenant_id, order_id))]
    for name, where, query in _list_variants(customer_id, datetime.now(UTC)):
        page = order_page(shape_of(where, query))
        args = tuple(page.args(values_of(tenant_id, where, query)))
        statements.append(Statement(name, page.sql, args))
    return statements


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def scans(plan: dict[str, Any]) -> list[Scan]:
    """The scan nodes on the big tables; a bitmap heap scan names its bitmap index."""
    found = []
    for node in _nodes(plan):
        if node.get("Relation Name") not in BIG_TABLES:
            continue
        index = node.get("Index Name")
        if index is None and node["Node Type"] == "Bitmap Heap Scan":
            index = next((n.get("Index Name") for n in _nodes(node) if "Index Name" in n), None)
        rows = node.get("Actual Rows")
        loops = node.get("Actual Loops", 1)
        total = None if rows is None else round(rows * loops)
        found.append(Scan(node["Relation Name"], node["Node Type"], index, total))
    return found


def sorted_rows(plan: dict[str, Any]) -> int:
    return sum(
        round(node.get("Actual Rows", 0) * node.get("Actual Loops", 1))
        for child in _nodes(plan)
        if child["Node Type"] == "Sort"
        for node in child.get("Plans", [])[:1]
    )


async def _explain(connection: asyncpg.Connection, tenant_id: UUID, sql: str, *args: Any) -> Any:
    async with connection.transaction(readonly=True):
        await connection.execute(set_local_statement(tenant_id))
        return json.loads(await connection.fetchval(sql, *args))[0]


def _literal(value: Any) -> str:
    """A parameter value as an untyped SQL literal (``EXECUTE`` takes no bind parameters);
    the prepared statement's casts give it its type."""
    if value is None:
        return "NULL"
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    return "'" + text.replace("'", "''") + "'"


async def _generic(connection: asyncpg.Connection, tenant_id: UUID, st: Statement) -> Any:
    """The generic plan of ``st`` as the plan cache makes it (``PREPARE``, then ``EXPLAIN
    EXECUTE`` with ``plan_cache_mode = force_generic_plan``)."""
    values = ", ".join(_literal(value) for value in st.args)
    explained = f"EXPLAIN (FORMAT JSON) EXECUTE scale_explained({values})"
    async with connection.transaction(readonly=True):
        await connection.execute(set_local_statement(tenant_id))
        await connection.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        await connection.execute(f"PREPARE scale_explained AS {st.sql}")
        plan = json.loads(await connection.fetchval(explained))[0]
        await connection.execute("DEALLOCATE scale_explained")
    return plan


async def explain(connection: asyncpg.Connection, tenant_id: UUID, st: Statement) -> Explained:
    """Both plans of ``st`` as the runtime role ``connection`` is, scoped to ``tenant_id``."""
    analyzed = await _explain(
        connection, tenant_id, f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {st.sql}", *st.args
    )
    generic = await _generic(connection, tenant_id, st)
    plan = analyzed["Plan"]
    buffers = int(plan.get("Shared Hit Blocks", 0)) + int(plan.get("Shared Read Blocks", 0))
    return Explained(
        st.name,
        scans(plan),
        scans(generic["Plan"]),
        sorted_rows(plan),
        float(analyzed["Execution Time"]),
        buffers,
    )
