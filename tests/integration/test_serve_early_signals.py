"""Ctrl-C while ``tenantry serve`` is still starting (the terminal signals the whole process
group: serve, its relay worker and its API workers, each perhaps in the middle of its
imports) ends everything quietly: no traceback, no worker restarted, no PostgreSQL left."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from tests.serve_process import (
    api_workers,
    free_port,
    read_until,
    serving,
    stop,
)


async def test_ctrl_c_while_the_workers_import_stops_everything_quietly(data_dir: Path) -> None:
    async with serving(data_dir, free_port(), workers=2) as server:
        before = await read_until(server, "Tenantry is starting.")
        async with asyncio.timeout(30):
            while len(api_workers(server.pid)) < 2:
                await asyncio.sleep(0.01)
        await asyncio.sleep(0.4)  # their interpreters are up: they import the app now
        text = before + await stop(server, signal.SIGINT)
    assert server.returncode == 0, text
    assert "Traceback" not in text and "died" not in text, text
    assert "The embedded PostgreSQL has stopped" in text
    assert not (data_dir / "postgres" / "postmaster.pid").exists()


async def test_ctrl_c_while_serve_itself_imports_ends_it_with_status_130(data_dir: Path) -> None:
    async with serving(data_dir, free_port()) as server:
        await asyncio.sleep(0.3)  # well before its imports are done
        text = await stop(server, signal.SIGINT)
    assert server.returncode == 130, text
    assert "Traceback" not in text and "tenantry: interrupted" in text, text
