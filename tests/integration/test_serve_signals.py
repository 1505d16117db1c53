"""``tenantry serve`` as an operator runs it: SIGTERM (what process managers send) and
Ctrl-C stop the API gracefully, its relay worker, and then the embedded PostgreSQL, leaving
no server behind."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

SERVE = "from interface.cli.main import main; raise SystemExit(main(['serve']))"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, exited but not yet reaped, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _relay_workers(pid: int) -> list[int]:
    """Child processes of ``pid`` that run ``tenantry worker``."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [
        int(child)
        for child in children
        if b"worker" in Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
    ]


@pytest.fixture
async def data_dir() -> AsyncIterator[Path]:
    scratch = Path(tempfile.mkdtemp(prefix="tenantry-serve-"))
    yield scratch
    shutil.rmtree(scratch, ignore_errors=True)


async def _serve(data_dir: Path, port: int) -> asyncio.subprocess.Process:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("JWT_SECRET", "DATABASE_URL")},
        "DATA_DIR": str(data_dir),
        "PORT": str(port),
        "LOG_LEVEL": "INFO",  # the workers announce themselves at INFO
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_KIB": "1024",
    }  # development, as `make run`: the generated secret, which the relay worker shares
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", SERVE, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip


async def _wait_ready(url: str, server: asyncio.subprocess.Process) -> None:
    async with httpx.AsyncClient() as client, asyncio.timeout(90):
        while server.returncode is None:
            try:
                if (await client.get(url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise AssertionError(f"serve exited with {server.returncode} before it was ready")


async def _read_until(server: asyncio.subprocess.Process, marker: str) -> str:
    """The output up to the line that contains ``marker``."""
    assert server.stdout is not None
    lines: list[str] = []
    async with asyncio.timeout(60):
        while not lines or marker not in lines[-1]:
            line = (await server.stdout.readline()).decode()
            if not line:
                raise AssertionError(f"no {marker!r} in:\n{''.join(lines)}")
            lines.append(line)
    return "".join(lines)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
async def test_a_stop_signal_stops_the_api_and_then_the_embedded_database(
    data_dir: Path, stop: signal.Signals
) -> None:
    port = _free_port()
    server = await _serve(data_dir, port)
    try:
        await _wait_ready(f"http://127.0.0.1:{port}/health/ready", server)
        postmaster = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
        assert _alive(postmaster)
        [worker] = _relay_workers(server.pid)
        started = await _read_until(server, f"relay worker {worker} is delivering events")
        server.send_signal(stop)
        async with asyncio.timeout(60):
            output, _ = await server.communicate()
    finally:
        if server.returncode is None:
            server.kill()
    text = started + output.decode()
    assert server.returncode == 0, text
    assert "The API has stopped." in text and "The embedded PostgreSQL has stopped" in text
    assert not (data_dir / "postgres" / "postmaster.pid").exists(), "PostgreSQL still running"
    assert not _alive(postmaster)
    assert not _alive(worker), "the relay worker is still running"
    assert f"relay worker {worker} has stopped" in text and "tenantry:" not in text, text
    assert (data_dir / "jwt-secret.dev").stat().st_mode & 0o777 == 0o600


async def test_a_killed_serve_takes_its_worker_along_and_the_next_start_cleans_up(
    data_dir: Path,
) -> None:
    """SIGKILL gives serve no chance to stop anything: the kernel stops its relay worker
    (PR_SET_PDEATHSIG); PostgreSQL stays up with a dead handle, which the next start drops,
    and that start serves and then stops everything."""
    port = _free_port()
    killed = await _serve(data_dir, port)
    try:
        await _wait_ready(f"http://127.0.0.1:{port}/health/ready", killed)
        [orphan] = _relay_workers(killed.pid)
        await _read_until(killed, f"relay worker {orphan} is delivering events")
        killed.kill()
        async with asyncio.timeout(20):  # (the worker holds serve's stdout while it lives)
            await killed.wait()
            while _alive(orphan):
                await asyncio.sleep(0.1)
    finally:
        if killed.returncode is None:
            killed.kill()
    postmaster = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
    assert _alive(postmaster)  # nobody stopped it
    again = await _serve(data_dir, port)
    try:
        await _wait_ready(f"http://127.0.0.1:{port}/health/ready", again)
        [worker] = _relay_workers(again.pid)
        await _read_until(again, f"relay worker {worker} is delivering events")
        again.send_signal(signal.SIGTERM)
        async with asyncio.timeout(60):
            output, _ = await again.communicate()
    finally:
        if again.returncode is None:
            again.kill()
    assert again.returncode == 0, output.decode()
    assert not (data_dir / "postgres" / "postmaster.pid").exists(), "PostgreSQL still running"
    assert not _alive(postmaster) and not _alive(worker)
