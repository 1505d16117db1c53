"""The HTTP server as ``tenantry serve`` runs it: a client gets ``HEADER_TIMEOUT_SECONDS``
to send a request head (nothing at all, half of one, or one trickled a byte at a time all
end in a closed connection), a body that stalls is cut, kept-alive connections and a
pipelined head or body waiting behind a slow response are not, and each worker takes at most
``MAX_CONNECTIONS`` connections (a request beyond them gets a 503 problem and its
connection is closed). The head's size limit is in test_http_head_size.py."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from infrastructure.settings_server import ServerSettings
from tests.api.commerce_helpers import make_customer, make_product, order_body, raw_order_request
from tests.api.conftest import app_settings
from tests.api.identity_helpers import sign_up, signup_body
from tests.api.live_server import live_client, raw_connection
from tests.database import DatabaseUnderTest, truncate_all

REQUEST = b"GET /health/live HTTP/1.1\r\nHost: tenantry.test\r\n\r\n"


async def _seconds_until_closed(reader: asyncio.StreamReader) -> float:
    """How long until the server closes the connection, having answered nothing."""
    start = time.monotonic()
    async with asyncio.timeout(10):
        assert await reader.read() == b""
    return time.monotonic() - start


async def _idle(client: httpx.AsyncClient) -> float:
    async with raw_connection(client) as (reader, _):
        return await _seconds_until_closed(reader)


async def _half_sent(client: httpx.AsyncClient) -> float:
    async with raw_connection(client) as (reader, writer):
        writer.write(REQUEST[:30])
        return await _seconds_until_closed(reader)


async def _trickled(client: httpx.AsyncClient) -> float:
    async with raw_connection(client) as (reader, writer):

        async def trickle() -> None:
            for byte in REQUEST[:-2] + b"X-Slow: " + b"s" * 200:
                writer.write(bytes([byte]))
                await asyncio.sleep(0.1)

        sender = asyncio.create_task(trickle())
        try:
            return await _seconds_until_closed(reader)
        finally:
            sender.cancel()


async def test_a_request_head_that_does_not_arrive_in_time_closes_the_connection(
    database: DatabaseUnderTest,
) -> None:
    settings = app_settings(database, server=ServerSettings(header_timeout_seconds=1))
    async with live_client(settings) as client:
        idle, half, trickled = await asyncio.gather(
            _idle(client), _half_sent(client), _trickled(client)
        )
        assert (await client.get("/health/live")).status_code == 200
    for seconds in (idle, half, trickled):
        assert 0.8 < seconds < 3, (idle, half, trickled)


async def test_a_kept_alive_connection_outlives_the_header_deadline(
    database: DatabaseUnderTest,
) -> None:
    settings = app_settings(
        database, server=ServerSettings(header_timeout_seconds=1, keep_alive_seconds=5)
    )
    async with live_client(settings) as client, raw_connection(client) as (reader, writer):
        for _ in range(2):
            writer.write(REQUEST)
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            await reader.readexactly(length)
            assert head.startswith(b"HTTP/1.1 200")
            await asyncio.sleep(1.5)  # idle longer than the header deadline, not keep-alive


async def test_connections_beyond_the_limit_get_a_503_until_some_close(
    database: DatabaseUnderTest,
) -> None:
    settings = app_settings(
        database, server=ServerSettings(header_timeout_seconds=30, max_connections=2)
    )
    async with live_client(settings) as client:
        async with raw_connection(client), raw_connection(client):
            await asyncio.sleep(0.2)  # both are open on the server's side
            async with httpx.AsyncClient(base_url=client.base_url) as third:
                refused = await third.get("/health/live")
        await asyncio.sleep(0.2)
        async with httpx.AsyncClient(base_url=client.base_url) as later:
            served = await later.get("/health/live")
    assert refused.status_code == 503
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["retry-after"] == "1" and refused.headers["connection"] == "close"
    problem = refused.json()
    assert problem["type"] == "urn:tenantry:problem:service-unavailable"
    assert problem["request_id"] == refused.headers["x-request-id"]
    assert problem["instance"] == "/health/live"
    assert served.status_code == 200


@asynccontextmanager
async def _slow_orders(database: DatabaseUnderTest) -> AsyncIterator[httpx.AsyncClient]:
    """A live server whose orders take 2.5 s to answer (the sandbox gateway's latency) and
    whose heads and bodies may stall 1 s; its data is wiped afterwards."""
    bounds = ServerSettings(header_timeout_seconds=1, body_timeout_seconds=1)
    settings = app_settings(database, server=bounds, sandbox_latency_ms=2500)
    try:
        async with live_client(settings) as client:
            yield client
    finally:
        await truncate_all(database.owner)


async def test_a_stalled_body_is_cut_but_a_slow_response_keeps_its_pipelined_follower(
    database: DatabaseUnderTest,
) -> None:
    async with _slow_orders(database) as client:
        async with raw_connection(client) as (reader, writer):
            writer.write(b"POST /api/v1/signup HTTP/1.1\r\nContent-Length: 100\r\n")
            writer.write(b"Host: t\r\nContent-Type: application/json\r\n\r\n{")
            stalled = await _seconds_until_closed(reader)
        acme = await sign_up(client, "acme")
        await sign_up(client, "globex")
        pen = await make_product(client, acme, "PEN")
        body = order_body(await make_customer(client, acme), (pen, 1))
        async with raw_connection(client) as (reader, writer):
            writer.write(raw_order_request(acme, body) + REQUEST[:20])  # a follower begins
            async with asyncio.timeout(10):
                head = await reader.readuntil(b"\r\n\r\n")
    assert 0.8 < stalled < 3
    assert head.startswith(b"HTTP/1.1 201 "), head


async def test_a_body_waiting_behind_a_slow_response_gets_its_time_once_it_is_read(
    database: DatabaseUnderTest,
) -> None:
    # an order's response takes 2.5 s; the signup behind it may stall 1 s once it is read
    async with _slow_orders(database) as client:
        acme = await sign_up(client, "acme")
        pen = await make_product(client, acme, "PEN")
        order = order_body(await make_customer(client, acme), (pen, 1))
        (placed, signed_up, _), (placed_too, cut, seconds) = await asyncio.gather(
            _order_then_signup(client, raw_order_request(acme, order), "globex"),
            _order_then_signup(client, raw_order_request(acme, order), None),
        )
    assert placed.startswith(b"HTTP/1.1 201 ") and placed_too.startswith(b"HTTP/1.1 201 ")
    head, _, tenant = signed_up.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 201 "), signed_up
    assert json.loads(tenant)["tenant"]["slug"] == "globex"
    assert cut == b"" and 0.8 < seconds < 3, (cut, seconds)


async def _order_then_signup(
    client: httpx.AsyncClient, order: bytes, slug: str | None
) -> tuple[bytes, bytes, float]:
    """An order pipelined with a signup's head, whose body is sent once the order is
    answered (or never, without a slug): the order's response head, what the server sends
    after it until it closes, and how long that took."""
    body = json.dumps(signup_body(slug)).encode() if slug else b""
    head = (
        b"POST /api/v1/signup HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        + f"Connection: close\r\nContent-Length: {len(body) or 100}\r\n\r\n".encode()
    )
    async with raw_connection(client) as (reader, writer):
        writer.write(order + head)
        async with asyncio.timeout(10):
            placed = await reader.readuntil(b"\r\n\r\n")
            length = int(placed.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            await reader.readexactly(length)
            start = time.monotonic()
            writer.write(body)
            rest = await reader.read()
    return placed, rest, time.monotonic() - start
