"""A ``tenantry serve`` process of a test's own, on a scratch data directory, and what
the test watches of it: its readiness, its output, its child processes."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

SERVE = (
    "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from interface.cli.entry import run; raise SystemExit(run())"
)
"""What the installed ``tenantry`` script runs (with ``serve`` as its argument), with Ctrl-C
handled as under a terminal even when the suite itself was started with SIGINT ignored (a
background job of a script): Python installs no Ctrl-C handler of its own then."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, exited but not yet reaped, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def children(pid: int, marker: bytes) -> list[int]:
    """Child processes of ``pid`` whose command line has the word ``marker``."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [
        int(child)
        for child in children
        if any(marker in word for word in Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0"))
    ]


def relay_workers(pid: int) -> list[int]:
    """Child processes of ``pid`` that run ``tenantry worker``."""
    return [child for child in children(pid, b"worker") if child not in api_workers(pid)]


def api_workers(pid: int) -> list[int]:
    """The API worker processes ``serve`` started (with ``WORKERS`` > 1)."""
    return children(pid, b"spawn_main")


def stop_left_over_postgres(data_dir: Path) -> None:
    """After a failed test: no PostgreSQL of this test may outlive it (fast shutdown)."""
    try:
        pid = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
        os.kill(pid, signal.SIGINT)
    except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
        return
    for _ in range(100):
        if not alive(pid):
            return
        time.sleep(0.1)


@asynccontextmanager
async def scratch_data_dir() -> AsyncIterator[Path]:
    """A data directory of the test's own; no PostgreSQL of it outlives the test."""
    scratch = Path(tempfile.mkdtemp(prefix="tenantry-serve-"))
    try:
        yield scratch
    finally:
        stop_left_over_postgres(scratch)
        shutil.rmtree(scratch, ignore_errors=True)


@asynccontextmanager
async def serving(
    data_dir: Path, port: int, workers: int = 1, **settings: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    """``serve_process`` for the block, killed at its end if it still runs."""
    server = await serve_process(data_dir, port, workers, **settings)
    try:
        yield server
    finally:
        if server.returncode is None:
            server.kill()
            await server.wait()


def send_stop(server: asyncio.subprocess.Process, how: signal.Signals) -> None:
    """Signal ``serve`` as an operator would: SIGINT (Ctrl-C) and SIGHUP (the terminal
    closed) to the whole process group, as a terminal sends them."""
    if how in (signal.SIGINT, signal.SIGHUP):
        os.killpg(server.pid, how)
    else:
        server.send_signal(how)


async def rest_of_output(server: asyncio.subprocess.Process) -> str:
    """What ``serve`` prints until it exits (within a minute)."""
    async with asyncio.timeout(60):
        output, _ = await server.communicate()
    return output.decode()


async def stop(server: asyncio.subprocess.Process, how: signal.Signals) -> str:
    """``send_stop``, then the rest of the output."""
    send_stop(server, how)
    return await rest_of_output(server)


async def serve_process(
    data_dir: Path, port: int, workers: int = 1, **settings: str
) -> asyncio.subprocess.Process:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("JWT_SECRET", "DATABASE_URL")},
        "WORKERS": str(workers),
        "DATA_DIR": str(data_dir),
        "PORT": str(port),
        "LOG_LEVEL": "INFO",  # the workers announce themselves at INFO
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_KIB": "1024",
        **settings,
    }  # development, as `make run`: the generated secret, which the relay worker shares
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", SERVE, "serve", env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,  # its own process group, as in a terminal
    )  # fmt: skip


async def wait_ready(url: str, server: asyncio.subprocess.Process) -> None:
    async with httpx.AsyncClient() as client, asyncio.timeout(90):
        while server.returncode is None:
            try:
                if (await client.get(url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise AssertionError(f"serve exited with {server.returncode} before it was ready")


async def read_until(server: asyncio.subprocess.Process, marker: str) -> str:
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
