"""The floor of the API's reads: what ``GET /api/v1/orders/{id}`` and ``GET /api/v1/orders``
must do, and nothing else.

A pure-ASGI app (no framework, no DI, no middleware) that serves ``GET /orders/{id}`` and
``GET /orders?limit=N`` the way issue 13 requires of the API: the bearer token verified by
the API's own verifier (cached until it expires, no database call), then on the runtime
role, under row-level security, the API's own statements as the API runs them (a page in a
read-only transaction of its own with the tenant sent with ``BEGIN``, 3 round trips; an
order in 1, ``tenant_order_document``; no pool reset). An order and the
page's items are sent as the documents stored with the orders, as the API sends them.
Their ratio to the raw baseline is the ceiling the API can reach on its HTTP stack; the
API's ratio to them is what the framework and the app's own code cost. It reads
the API's settings from the environment (``DATABASE_URL``, ``JWT_SECRET``, ...), as ``tenantry
serve`` does.

Serve it with: ``python -m uvicorn bench.floor_app:app --log-level warning``.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID

import asyncpg
import msgspec

from bench.floor_reads import read_order, read_page
from bench.floor_writes import Caller, OrderRequest, Refused, place_paid_order
from bench.raw_app import Receive, Scope, Send, respond, serve_lifespan
from domain.identity.errors import InvalidToken
from domain.identity.principal import Principal
from infrastructure.database.tenant_scope import TenantScopedConnection
from infrastructure.database.urls import to_driver_dsn
from infrastructure.settings import Settings
from interface.composition.assembly import access_tokens

_PREFIX = "/orders/"
_encoder = msgspec.json.Encoder()
_ORDER = msgspec.json.Decoder(OrderRequest)
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


def _principal_of(scope: Scope) -> Principal | None:
    value = _header(scope, b"authorization")
    scheme, _, token = (value or "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    try:
        principal: Principal = _state["tokens"].verify(token.strip())
    except InvalidToken:
        return None
    return principal


def _header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope["headers"]:
        if name == wanted:
            decoded: str = value.decode("latin-1")
            return decoded
    return None


def _limit(scope: Scope) -> int | None:
    values = parse_qs(scope["query_string"].decode("latin-1")).get("limit", ["20"])
    return int(values[0]) if values[0].isdigit() and 1 <= int(values[0]) <= 200 else None


async def _start_from_env() -> None:
    pool_size = int(os.environ.get("BENCH_RAW_POOL_SIZE", "10"))
    await start(to_driver_dsn(os.environ["DATABASE_URL"]), pool_size)


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        await serve_lifespan(receive, send, _start_from_env, stop)
        return
    if scope["type"] != "http" or scope["method"] not in ("GET", "POST"):
        return await respond(send, 404, b'{"detail":"not found"}')
    if scope["path"] == "/health":
        return await respond(send, 200, b'{"status":"ok"}')
    principal = _principal_of(scope)
    if principal is None:
        return await respond(send, 401, b'{"detail":"send a valid access token"}')
    if scope["method"] == "POST":
        return await _place(scope, receive, send, principal)
    await _read(scope, send, principal.tenant_id)


async def _read(scope: Scope, send: Send, tenant_id: UUID) -> None:
    if scope["path"] == "/orders":
        limit = _limit(scope)
        if limit is None:
            return await respond(send, 400, b'{"detail":"limit: 1 to 200"}')
        return await respond(send, 200, await read_page(_state["pool"], tenant_id, limit))
    try:
        order_id = UUID(scope["path"].removeprefix(_PREFIX))
    except ValueError:
        return await respond(send, 404, b'{"detail":"not found"}')
    body = await read_order(_state["pool"], tenant_id, order_id)
    if body is None:
        return await respond(send, 404, b'{"detail":"no such order"}')
    await respond(send, 200, body)


async def _place(scope: Scope, receive: Receive, send: Send, principal: Principal) -> None:
    key = _header(scope, b"idempotency-key")
    if scope["path"] != "/orders" or not key:
        return await respond(send, 400, b'{"detail":"POST /orders with an Idempotency-Key"}')
    body = await _body(receive)
    try:
        request = _ORDER.decode(body)
    except msgspec.ValidationError:
        return await respond(send, 400, b'{"detail":"not an order"}')
    caller = Caller(principal.tenant_id, principal.user_id, key)
    try:
        answer = await place_paid_order(_state["pool"], caller, request, body)
    except Refused as refused:
        return await respond(send, 409, _encoder.encode({"detail": str(refused)}))
    await respond(send, 201, answer)


async def _body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)
