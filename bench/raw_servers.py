"""The raw baseline's servers: one process per HTTP stack of ``bench/stacks.py``.

Launched before the API starts (they come up meanwhile) and awaited after it. A stack this
venv cannot run is *not available*; one whose server does not get ready is *failed* and
stopped; either way the run goes on with the others and the report says why.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bench.processes import (
    Server,
    ServerFailed,
    free_port,
    start_server,
    stop_server,
    venv_python,
    wait_ready,
)
from bench.stacks import FLOOR_APP, Stack, api_stack
from bench.targets import FLOOR, Preflight


@dataclass(slots=True)
class RawServers:
    running: dict[str, Server] = field(default_factory=dict)
    not_running: dict[str, Preflight] = field(default_factory=dict)
    """Stacks without a server, as the preflight result their target gets."""


def launch_raw_servers(
    stack: ExitStack, stacks: list[Stack], dsn: str, pool_size: int, log_dir: Path
) -> RawServers:
    """Start a server per runnable stack (not yet ready); note the stacks that cannot run."""
    env = {**os.environ, "BENCH_RAW_DSN": dsn, "BENCH_RAW_POOL_SIZE": str(pool_size)}
    servers = RawServers()
    for raw in stacks:
        missing = raw.missing()
        if missing:
            detail = f"{', '.join(missing)} not importable in this venv"
            servers.not_running[raw.name] = Preflight("unavailable", detail)
            continue
        port = free_port()
        server = start_server(raw.name, raw.command(venv_python(), port), env, port, log_dir)
        stack.callback(stop_server, server)
        servers.running[raw.name] = server
    return servers


def launch_floor(
    stack: ExitStack, runtime_url: str, jwt_secret: str, pool_size: int, log_dir: Path
) -> Server:
    """The single read's floor (``bench/floor_app.py``) on the API's own stack, as the
    runtime role, verifying the API's tokens (not yet ready)."""
    env = {
        **os.environ,
        "DATABASE_URL": runtime_url,
        "JWT_SECRET": jwt_secret,
        "BENCH_RAW_POOL_SIZE": str(pool_size),
    }
    port = free_port()
    command = api_stack().command(venv_python(), port, FLOOR_APP)
    server = start_server(FLOOR, command, env, port, log_dir)
    stack.callback(stop_server, server)
    return server


def await_raw_servers(servers: RawServers) -> None:
    """Wait for each launched server; one that fails is stopped and moved to ``not_running``."""
    for name, server in list(servers.running.items()):
        try:
            wait_ready(server, "/health")
        except ServerFailed as error:
            stop_server(server)
            del servers.running[name]
            last = str(error).strip().splitlines()
            detail = f"server did not start: {' / '.join(last[-3:])}"
            servers.not_running[name] = Preflight("failed", detail)
