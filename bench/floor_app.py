"""The floor of the API's reads: what ``GET /api/v1/orders/{id}`` and ``GET /api/v1/orders``
must do, and nothing else.

A pure-ASGI app (no framework, no DI, no middleware) that serves ``GET /orders/{id}`` and
``GET /orders?limit=N`` the way issue 13 requires of the API: the bearer token verified by
the API's own verifier (cached until it expires, no database call), then on the runtime
role, under row-level security, the API's own statement in a read-only transaction of its
own with the tenant sent with ``BEGIN`` (3 round trips, no pool reset). The page is sent as
PostgreSQL built its items (the API decodes them into views and encodes its answer). Their
ratio to the raw baseline is the ceiling the API can reach on its HTTP stack; the API's
ratio to them is what the framework and the app's own code cost. It reads the API's
settings from the environment (``DATABASE_URL``, ``JWT_SECRET``, ...), as ``tenantry
serve`` does.

Serve it with: ``python -m uvicorn bench.floor_app:app --log-level warning``.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import parse_qs
from uuid import UUID

import asyncpg
import msgspec

from bench.raw_app import Receive, Scope, Send, respond
from domain.identity.errors import InvalidToken
from domain.ordering.ports import OrderFilter
from domain.shared.listing import ListQuery, Ordering
from domain.shared.pagination import COUNT_LIMIT, PageRequest
from infrastructure.database.tenant_scope import TenantScopedConnection
from infrastructure.database.urls import to_driver_dsn
from infrastructure.ordering.order_pages import order_page, shape_of, values_of
from infrastructure.ordering.order_views import ORDER_BY_ID_SQL
from infrastructure.settings import Settings
from interface.composition.assembly import access_tokens

_PREFIX = "/orders/"
_NEWEST_FIRST = Ordering("created_at", descending=True)
_ALL = OrderFilter()
T = TypeVar("T")
_encoder = msgspec.json.Encoder()
_state: dict[str, Any] = {}


async def _no_reset(connection: asyncpg.Connection) -> None:
    """``SET LOCAL`` ends with its transaction: nothing to reset (the API's pool sends
    nothing either)."""


async def _learn_server(connection: asyncpg.Connection) -> None:
    if isinstance(connection, TenantScopedConnection):  # on Citus the tenant is set as the API does
        await connection.learn_server(5.0)


async def start(dsn: str, pool_size: int) -> None:
    """Open the pool and the verifier (the lifespan's startup; tests call it directly)."""
    settings = Settings.from_env()
    _state["tokens"] = access_tokens(settings)
    _state["pool"] = await asyncpg.create_pool(
        dsn,
        min_size=pool_size,
        max_size=pool_size,
        connection_class=TenantScopedConnection,
        init=_learn_server,
        reset=_no_reset,
    )


async def stop() -> None:
    pool = _state.pop("pool", None)
    if pool is not None:
        await pool.close()


def _tenant_of(scope: Scope) -> UUID | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() != "bearer":
                return None
            try:
                tenant_id: UUID = _state["tokens"].verify(token.strip()).tenant_id
            except InvalidToken:
                return None
            return tenant_id
    return None


async def _scoped(tenant_id: UUID, read: Callable[[TenantScopedConnection], Awaitable[T]]) -> T:
    connection: TenantScopedConnection
    async with _state["pool"].acquire() as connection:
        connection.arm(tenant_id)
        async with connection.transaction(readonly=True):
            return await read(connection)


async def read_order(tenant_id: UUID, order_id: UUID) -> bytes | None:
    """The order as JSON, read as the API reads it, or None (not this tenant's)."""
    row = await _scoped(tenant_id, lambda c: c.fetchrow(ORDER_BY_ID_SQL, tenant_id, order_id))
    return None if row is None else _encoder.encode(dict(row.items()))


async def read_page(tenant_id: UUID, limit: int) -> bytes:
    """The newest ``limit`` orders with their lines, by the API's own page statement."""
    query = ListQuery(PageRequest(limit, 0), _NEWEST_FIRST)
    statement = order_page(shape_of(_ALL, query)).rows
    args = statement.args(values_of(tenant_id, _ALL, query))
    rows = await _scoped(tenant_id, lambda c: c.fetch(statement.sql, *args))
    items, more = ",".join(row[0] for row in rows[:limit]), len(rows) > limit
    counted = rows[0][1] if rows else 0
    total = counted if counted <= COUNT_LIMIT else "null"
    return f'{{"items":[{items}],"has_more":{str(more).lower()},"total":{total}}}'.encode()


def _limit(scope: Scope) -> int | None:
    values = parse_qs(scope["query_string"].decode("latin-1")).get("limit", ["20"])
    return int(values[0]) if values[0].isdigit() and 1 <= int(values[0]) <= 200 else None


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            pool_size = int(os.environ.get("BENCH_RAW_POOL_SIZE", "10"))
            await start(to_driver_dsn(os.environ["DATABASE_URL"]), pool_size)
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await stop()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        await _lifespan(receive, send)
        return
    if scope["type"] != "http" or scope["method"] != "GET":
        return await respond(send, 404, b'{"detail":"not found"}')
    if scope["path"] == "/health":
        return await respond(send, 200, b'{"status":"ok"}')
    tenant_id = _tenant_of(scope)
    if tenant_id is None:
        return await respond(send, 401, b'{"detail":"send a valid access token"}')
    if scope["path"] == "/orders":
        limit = _limit(scope)
        if limit is None:
            return await respond(send, 400, b'{"detail":"limit: 1 to 200"}')
        return await respond(send, 200, await read_page(tenant_id, limit))
    try:
        order_id = UUID(scope["path"].removeprefix(_PREFIX))
    except ValueError:
        return await respond(send, 404, b'{"detail":"not found"}')
    body = await read_order(tenant_id, order_id)
    if body is None:
        return await respond(send, 404, b'{"detail":"no such order"}')
    await respond(send, 200, body)
