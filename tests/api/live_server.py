"""The real app behind the HTTP server ``tenantry serve`` runs (uvicorn with its header
deadline and connection limit, on loopback), for tests that need true concurrency or the
server itself: Litestar's test client runs requests one at a time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import uvicorn

from infrastructure.settings import Settings
from interface.cli.http_server import server_config
from interface.composition.app import create_app


@asynccontextmanager
async def live_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    config = server_config(create_app(settings), settings, port=0, log_level="warning")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(10):
            while not server.started:
                await asyncio.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            yield client
    finally:
        server.should_exit = True
        await task


@asynccontextmanager
async def raw_connection(
    client: httpx.AsyncClient,
) -> AsyncIterator[tuple[asyncio.StreamReader, asyncio.StreamWriter]]:
    """A plain TCP connection to the live server, to send it bytes no HTTP client would."""
    reader, writer = await asyncio.open_connection(client.base_url.host, client.base_url.port)
    try:
        yield reader, writer
    finally:
        writer.close()


@asynccontextmanager
async def peer_client(client: httpx.AsyncClient, address: str) -> AsyncIterator[httpx.AsyncClient]:
    """Another client of the same live server whose connections come from ``address``
    (``127.0.0.2``, ...: all of 127/8 is loopback), to speak as another client address."""
    transport = httpx.AsyncHTTPTransport(local_address=address)
    async with httpx.AsyncClient(base_url=client.base_url, timeout=30, transport=transport) as peer:
        yield peer
