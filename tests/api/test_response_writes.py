"""A response's head and body leave the server in one write
(``interface/cli/response_writes.py``): a small answer is one TCP segment, where uvicorn on
its own sends two. An answer with no body write behind its head (to a ``HEAD``), and a
``100 Continue`` before a body is sent, still arrive whole and in order.

Segments are counted by the client's kernel (``tcpi_data_segs_in`` of Linux's
``TCP_INFO``: segments that carried data), on loopback, where one write of a few hundred
bytes is one segment."""

from __future__ import annotations

import asyncio
import re
import socket
import struct
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tests.api.conftest import app_settings
from tests.api.live_server import live_client, raw_connection
from tests.database import DatabaseUnderTest

_DATA_SEGS_IN = 152
"""Offset of ``tcpi_data_segs_in`` in ``struct tcp_info`` (Linux 4.6 and later)."""
LIVE = b"GET /health/live HTTP/1.1\r\nHost: tenantry.test\r\n\r\n"
Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


@asynccontextmanager
async def _connection(database: DatabaseUnderTest) -> AsyncIterator[Connection]:
    async with live_client(app_settings(database)) as client:
        async with raw_connection(client) as connection:
            yield connection


def _segments_in(writer: asyncio.StreamWriter) -> int:
    info = writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 160)
    return int(struct.unpack_from("I", info, _DATA_SEGS_IN)[0])


async def _answer(reader: asyncio.StreamReader, with_body: bool = True) -> tuple[bytes, bytes]:
    """The next answer's head, and its body (``Content-Length`` bytes)."""
    async with asyncio.timeout(10):
        head = await reader.readuntil(b"\r\n\r\n")
        length = re.search(rb"(?im)^content-length: *(\d+)", head)
        assert length is not None, head
        body = await reader.readexactly(int(length.group(1))) if with_body else b""
    return head, body


async def test_each_small_answer_arrives_in_one_segment(database: DatabaseUnderTest) -> None:
    async with _connection(database) as (reader, writer):
        for _ in range(3):
            before = _segments_in(writer)
            writer.write(LIVE)
            head, body = await _answer(reader)
            assert head.startswith(b"HTTP/1.1 200 "), head
            assert body == b'{"status":"ok"}'
            assert _segments_in(writer) - before == 1


async def test_an_answer_to_head_arrives_and_the_connection_goes_on(
    database: DatabaseUnderTest,
) -> None:
    """Litestar answers ``HEAD`` only from ``@head`` handlers: 405, a head with a length
    and, as HTTP has it for ``HEAD``, no body. The server writes nothing after it."""
    async with _connection(database) as (reader, writer):
        writer.write(b"HEAD /health/live HTTP/1.1\r\nHost: tenantry.test\r\n\r\n" + LIVE)
        head, _ = await _answer(reader, with_body=False)
        assert head.startswith(b"HTTP/1.1 405 "), head
        head, body = await _answer(reader)
        assert head.startswith(b"HTTP/1.1 200 "), head
        assert body == b'{"status":"ok"}'


async def test_a_100_continue_comes_first_and_the_answer_after_it_in_one_segment(
    database: DatabaseUnderTest,
) -> None:
    body = b'{"tenant_slug": "nobody", "email": "no@one.test", "password": "x"}'
    async with _connection(database) as (reader, writer):
        writer.write(
            b"POST /api/v1/auth/token HTTP/1.1\r\nHost: tenantry.test\r\n"
            b"Content-Type: application/json\r\nExpect: 100-continue\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)
        )
        async with asyncio.timeout(10):
            assert await reader.readuntil(b"\r\n\r\n") == b"HTTP/1.1 100 Continue\r\n\r\n"
        before = _segments_in(writer)
        writer.write(body)
        head, problem = await _answer(reader)
        assert head.startswith(b"HTTP/1.1 401 "), head
        assert b"application/problem+json" in head.lower()
        assert problem.startswith(b"{")
        assert _segments_in(writer) - before == 1
