"""The embedded server stops when the project is done with it, even after another process
that held it was killed without letting go."""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from infrastructure.database.embedded import EmbeddedPostgres


@pytest.fixture
async def data_dir() -> AsyncIterator[Path]:
    scratch = Path(tempfile.mkdtemp(prefix="tenantry-embedded-"))
    yield scratch / "pg"
    shutil.rmtree(scratch, ignore_errors=True)


async def _dead_pid() -> int:
    """The id of a process that has run and is gone (and reaped)."""
    child = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await child.wait()
    return child.pid


async def test_a_killed_holder_does_not_keep_the_server_running(data_dir: Path) -> None:
    server = EmbeddedPostgres(data_dir)
    await asyncio.to_thread(server.start)
    handles = data_dir / ".handle_pids.json"
    killed = await _dead_pid()  # a `tenantry serve` that died by SIGKILL, say
    handles.write_text(json.dumps([killed, *json.loads(handles.read_text())]))
    assert (data_dir / "postmaster.pid").exists()

    await asyncio.to_thread(server.stop)

    assert not (data_dir / "postmaster.pid").exists(), "the server is still running"
    assert json.loads(handles.read_text()) == []
