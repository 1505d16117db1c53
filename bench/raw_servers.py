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
from bench.stacks import Stack
from bench.targets import Preflight


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
