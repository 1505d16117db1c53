"""A request head over ``MAX_HEADER_BYTES`` gets a 431 problem and its connection is
closed without the app seeing it (nor a request pipelined behind it), however the head
arrives: in one write, in a few large ones, or in small ones that never finish it. A head
of exactly the limit is served, and each of several heads pipelined in one write is
measured on its own; a 431 to a head pipelined behind a request still being answered
follows that request's whole response."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from typing import Any

import httpx

from infrastructure.settings import Settings
from infrastructure.settings_server import ServerSettings
from tests.api.commerce_helpers import make_customer, make_product, order_body, raw_order_request
from tests.api.conftest import app_settings
from tests.api.identity_helpers import sign_up, signup_body
from tests.api.live_server import live_client, raw_connection
from tests.database import DatabaseUnderTest, truncate_all
from tests.logs import json_logs

LIMIT = 8192


def _settings(database: DatabaseUnderTest, header_timeout_seconds: int = 10) -> Settings:
    bounds = ServerSettings(max_header_bytes=LIMIT, header_timeout_seconds=header_timeout_seconds)
    return app_settings(database, server=bounds)


def _request(head_size: int, *, keep_alive: bool = False, body: Any = None) -> bytes:
    """A request whose head is exactly ``head_size`` bytes, most of them one header line:
    a signup if it has a body, else a look at /health/live."""
    content = json.dumps(body).encode() if body is not None else b""
    start = (
        (b"POST /api/v1/signup" if content else b"GET /health/live")
        + b" HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        + (b"" if keep_alive else b"Connection: close\r\n")
        + f"Content-Length: {len(content)}\r\nX-Big: ".encode()
    )
    return start + b"x" * (head_size - len(start) - 4) + b"\r\n\r\n" + content


async def _answer(client: httpx.AsyncClient, *writes: bytes) -> bytes:
    """All the server answers to these writes, each read on its own, until it closes."""
    async with raw_connection(client) as (reader, writer):
        for part in writes:
            writer.write(part)
            await writer.drain()
            await asyncio.sleep(0.1)
        async with asyncio.timeout(5):
            return await reader.read()


def _assert_refused(answer: bytes) -> None:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431 "), head
    assert b"content-type: application/problem+json" in head
    problem = json.loads(body)  # the one answer: nothing follows it
    assert problem["type"] == "urn:tenantry:problem:request-header-fields-too-large"


async def _refusals(client: httpx.AsyncClient) -> dict[str, float]:
    scrape = (await client.get("/metrics")).text
    counts = {"head_too_large": 0.0, "head_timeout": 0.0}
    for reason in counts:
        marker = f'tenantry_http_refused_total{{reason="{reason}"}}'
        counts[reason] = sum(
            float(line.split()[-1]) for line in scrape.splitlines() if line.startswith(marker)
        )
    return counts


async def test_a_head_over_the_limit_in_one_write_gets_a_431_and_no_request_runs(
    database: DatabaseUnderTest,
) -> None:
    too_large = _request(LIMIT + 1, keep_alive=True, body=signup_body("acme"))
    pipelined = _request(300, body=signup_body("globex"))
    try:
        with json_logs() as logs:
            # a head deadline shorter than the 431's linger: none may run on a refused
            # connection (it would close it early and count a head_timeout)
            async with live_client(_settings(database, header_timeout_seconds=1)) as client:
                before = await _refusals(client)
                async with raw_connection(client) as (reader, writer):
                    writer.write(too_large + pipelined)
                    async with asyncio.timeout(5):
                        answer = await reader.read()
                    await asyncio.sleep(1.5)  # our end open past the deadline, in the linger
                    after = await _refusals(client)
                await sign_up(client, "acme")  # neither signup ran: both names are free
                await sign_up(client, "globex")
    finally:
        await truncate_all(database.owner)
    _assert_refused(answer)
    refused = {reason: after[reason] - before[reason] for reason in after}
    assert refused == {"head_too_large": 1, "head_timeout": 0}
    levels = [json.loads(line)["level"] for line in logs.getvalue().splitlines()]
    assert not {"error", "critical"} & set(levels), logs.getvalue()


async def test_a_head_over_the_limit_in_a_few_large_writes_gets_a_431(
    database: DatabaseUnderTest,
) -> None:
    request = _request(LIMIT + 1000)
    async with live_client(_settings(database)) as client:
        answer = await _answer(client, request[:4000], request[4000:8000], request[8000:])
    _assert_refused(answer)


async def test_a_head_never_finished_is_refused_once_over_the_limit(
    database: DatabaseUnderTest,
) -> None:
    async with live_client(_settings(database)) as client:
        async with raw_connection(client) as (reader, writer):
            writer.write(b"GET /health/live HTTP/1.1\r\nHost: t\r\nX-Big: ")
            for _ in range(64):  # 64 KiB of one header line, never finished
                writer.write(b"x" * 1024)
                await writer.drain()
            async with asyncio.timeout(5):
                answer = await reader.read()
        fine = await client.get("/health/live", headers={"X-Fine": "x" * 4000})
    _assert_refused(answer)
    assert fine.status_code == 200


async def test_a_head_of_exactly_the_limit_is_served_however_it_arrives(
    database: DatabaseUnderTest,
) -> None:
    request = _request(LIMIT)
    async with live_client(_settings(database)) as client:
        whole = await _answer(client, request)
        pieces = await _answer(client, *(request[at : at + 1024] for at in range(0, LIMIT, 1024)))
    for answer in (whole, pieces):
        assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]


async def test_heads_pipelined_in_one_write_are_each_measured_on_their_own(
    database: DatabaseUnderTest,
) -> None:
    heads = [_request(6000, keep_alive=True) for _ in range(3)] + [_request(6000)]
    first, rest = b"".join(heads)[:21000], b"".join(heads)[21000:]  # ends in the 4th head
    async with live_client(_settings(database)) as client:
        answer = await _answer(client, first, rest)
    assert answer.count(b"HTTP/1.1 200 ") == 4, answer[:300]
    assert b" 431 " not in answer


async def test_a_431_waits_for_the_response_to_the_request_pipelined_before_it(
    database: DatabaseUnderTest,
) -> None:
    # an order takes a second (the payment sandbox's latency): the oversized head behind it
    # is parsed long before its response is ready
    settings = replace(_settings(database), sandbox_latency_ms=1000)
    try:
        with json_logs() as logs:
            async with live_client(settings) as client:
                acme = await sign_up(client, "acme")
                pen = await make_product(client, acme, "PEN")
                order = order_body(await make_customer(client, acme), (pen, 1))
                too_large = _request(LIMIT + 1, keep_alive=True, body=signup_body("globex"))
                async with raw_connection(client) as (reader, writer):
                    # and after it, bytes no parser takes: dropped like all that follows
                    writer.write(raw_order_request(acme, order) + too_large + b"\0\r\n\r\n")
                    async with asyncio.timeout(10):
                        answer = await reader.read()
                listed = (await client.get("/api/v1/orders", headers=acme.headers)).json()
                await sign_up(client, "globex")  # the refused signup did not run
    finally:
        await truncate_all(database.owner)
    head, _, rest = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 201 "), answer[:300]
    length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
    placed = json.loads(rest[:length])
    assert [listed_order["id"] for listed_order in listed["items"]] == [placed["id"]]
    _assert_refused(rest[length:])  # then the 431, the last answer before the close
    assert "Cannot call write() after write_eof()" not in logs.getvalue()
    levels = [json.loads(line)["level"] for line in logs.getvalue().splitlines()]
    assert not {"error", "critical"} & set(levels), logs.getvalue()
