"""A request body over ``MAX_BODY_BYTES`` on the real server (issue 11): one whose
``Content-Length`` announces it is answered 413 before a byte of it is sent; one streamed
without a length (chunked) is cut off at the limit with the same 413; nothing is written
in either tenant. (The corpus in ``hard_input_cases.py`` holds a 413 for a body sent
whole, through Litestar's test client.)"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from interface.http.problems import problem_type
from tests.api.conftest import app_settings
from tests.api.hard_input_seed import Tenant, seed, state
from tests.api.live_server import live_client
from tests.database import DatabaseUnderTest, truncate_all


async def _answer_to_head(port: int, head: bytes) -> tuple[bytes, Any]:
    """Send a request head and no body; the answer (head, JSON body) must come in 2 s."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(head)
        await writer.drain()
        async with asyncio.timeout(2):
            answered = await reader.readuntil(b"\r\n\r\n")
            length = int(answered.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            return answered, json.loads(await reader.readexactly(length))
    finally:
        writer.close()


async def _chunks() -> AsyncIterator[bytes]:
    yield b'{"email": "new@example.test", "name": "'
    for _ in range(20):  # 1.25 MiB, over the 1 MiB limit
        yield b"a" * 65536
    yield b'"}'


async def _streamed(client: httpx.AsyncClient, tenant: Tenant) -> httpx.Response:
    headers = {**tenant.account.headers, "Content-Type": "application/json"}
    return await client.post("/api/v1/customers", content=_chunks(), headers=headers)


async def test_a_body_too_large_is_refused_before_it_is_sent_or_at_the_limit(
    database: DatabaseUnderTest,
) -> None:
    try:
        async with live_client(app_settings(database)) as client:
            acme, globex = await seed(client, "acme"), await seed(client, "globex")
            before = await state(client, acme, globex)
            head = (
                "POST /api/v1/products HTTP/1.1\r\nHost: tenantry.test\r\n"
                f"Authorization: Bearer {acme.account.access_token}\r\n"
                "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n"
            )
            assert client.base_url.port is not None
            answered, problem = await _answer_to_head(client.base_url.port, head.encode())
            streamed = await _streamed(client, acme)
            after = await state(client, acme, globex)
    finally:
        await truncate_all(database.owner)
    assert answered.startswith(b"HTTP/1.1 413 "), answered
    assert problem["type"] == problem_type("payload-too-large")
    assert [e["field"] for e in problem["errors"]] == ["body"]
    assert streamed.status_code == 413, streamed.text
    assert "content-length" not in streamed.request.headers
    assert [e["field"] for e in streamed.json()["errors"]] == ["body"]
    assert after == before
