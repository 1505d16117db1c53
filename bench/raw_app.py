"""The raw baseline: a pure-ASGI app (no framework) over an asyncpg pool.

``GET /orders/{id}?tenant=<uuid>`` runs the same two reads the API does for one order and
returns JSON. It connects with ``BENCH_RAW_DSN`` (the superuser, which bypasses row-level
security) and verifies no token: it is the limit the API is measured against.
``GET /health`` answers 200 once the pool is open.

Serve it with: ``python -m uvicorn bench.raw_app:app --log-level warning``.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

import asyncpg
import msgspec

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Lifecycle = Callable[[], Awaitable[None]]

ORDER_SQL = (
    "SELECT id, status, customer_id, currency, total_minor, payment_status, payment_reference,"
    " payment_failure_code, version, created_at, updated_at"
    " FROM orders WHERE tenant_id = $1 AND id = $2"
)
LINES_SQL = (
    "SELECT product_id, quantity, unit_price_minor, line_total_minor"
    " FROM order_lines WHERE tenant_id = $1 AND order_id = $2 ORDER BY line_no"
)
_JSON_HEADERS = [(b"content-type", b"application/json")]
_encoder = msgspec.json.Encoder()
_state: dict[str, asyncpg.Pool] = {}


async def respond(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": _JSON_HEADERS})
    await send({"type": "http.response.body", "body": body})


def _parse(scope: Scope) -> tuple[UUID, UUID] | None:
    """(tenant id, order id) from ``/orders/{id}?tenant=...``, or None when malformed."""
    path: str = scope["path"]
    if not path.startswith("/orders/"):
        return None
    tenants = parse_qs(scope["query_string"].decode("latin-1")).get("tenant")
    try:
        return UUID(tenants[0] if tenants else ""), UUID(path[len("/orders/") :])
    except ValueError:
        return None


async def _order(pool: asyncpg.Pool, tenant_id: UUID, order_id: UUID) -> bytes | None:
    async with pool.acquire() as connection:
        row = await connection.fetchrow(ORDER_SQL, tenant_id, order_id)
        if row is None:
            return None
        lines = await connection.fetch(LINES_SQL, tenant_id, order_id)
    body = dict(row.items())
    body["lines"] = [dict(line.items()) for line in lines]
    return _encoder.encode(body)


async def serve_lifespan(receive: Receive, send: Send, start: Lifecycle, stop: Lifecycle) -> None:
    """ASGI's lifespan protocol: ``start`` before the first request, ``stop`` at the end."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await start()
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await stop()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _start() -> None:
    size = int(os.environ.get("BENCH_RAW_POOL_SIZE", "10"))
    dsn = os.environ["BENCH_RAW_DSN"]
    _state["pool"] = await asyncpg.create_pool(dsn, min_size=size, max_size=size)


async def _stop() -> None:
    pool = _state.pop("pool", None)
    if pool is not None:
        await pool.close()


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        await serve_lifespan(receive, send, _start, _stop)
        return
    if scope["type"] != "http":
        return
    if scope["path"] == "/health":
        await respond(send, 200, b'{"status":"ok"}')
        return
    ids = _parse(scope) if scope["method"] == "GET" else None
    if ids is None:
        await respond(send, 404, b'{"detail":"not found"}')
        return
    body = await _order(_state["pool"], *ids)
    if body is None:
        await respond(send, 404, b'{"detail":"no such order"}')
        return
    await respond(send, 200, body)
