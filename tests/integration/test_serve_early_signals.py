"""Ctrl-C while ``tenantry serve`` is still starting (the terminal signals the whole process
group: serve, its relay worker and its API workers, each perhaps in the middle of its
imports) ends everything quietly: no traceback, no worker restarted, no PostgreSQL left."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.serve_process import (
    api_workers,
    free_port,
    read_until,
    serve_process,
    stop_left_over_postgres,
)


@pytest.fixture
async def data_dir() -> AsyncIterator[Path]:
    scratch = Path(tempfile.mkdtemp(prefix="tenantry-serve-"))
    yield scratch
    stop_left_over_postgres(scratch)
    shutil.rmtree(scratch, ignore_errors=True)


async def test_ctrl_c_while_the_workers_import_stops_everything_quietly(data_dir: Path) -> None:
    server = await serve_process(data_dir, free_port(), workers=2)
    try:
        before = await read_until(server, "Tenantry is starting.")
        async with asyncio.timeout(30):
            while len(api_workers(server.pid)) < 2:
                await asyncio.sleep(0.01)
        await asyncio.sleep(0.4)  # their interpreters are up: they import the app now
        os.killpg(server.pid, signal.SIGINT)
        async with asyncio.timeout(60):
            output, _ = await server.communicate()
    finally:
        if server.returncode is None:
            server.kill()
    text = before + output.decode()
    assert server.returncode == 0, text
    assert "Traceback" not in text and "died" not in text, text
    assert "The embedded PostgreSQL has stopped" in text
    assert not (data_dir / "postgres" / "postmaster.pid").exists()


async def test_ctrl_c_while_serve_itself_imports_ends_it_with_status_130(data_dir: Path) -> None:
    server = await serve_process(data_dir, free_port())
    try:
        await asyncio.sleep(0.3)  # well before its imports are done
        os.killpg(server.pid, signal.SIGINT)
        async with asyncio.timeout(60):
            output, _ = await server.communicate()
    finally:
        if server.returncode is None:
            server.kill()
    text = output.decode()
    assert server.returncode == 130, text
    assert "Traceback" not in text and "tenantry: interrupted" in text, text
