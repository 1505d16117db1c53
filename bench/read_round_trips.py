"""What the single-order read costs at the driver, three round trips against one: the
app's own code for each (``BEGIN READ ONLY`` with the tenant's ``SET LOCAL``, the
``SELECT``, ``COMMIT``; against ``tenant_order_document``, migration 0024), on one
connection of the runtime role, one read after another, on uvloop as the API runs.

Reported per read: the client's CPU (this process), PostgreSQL's (the connection's
backend, from ``/proc``) and the wall time. The two ways alternate, ``--rounds`` times::

    .venv/bin/python bench/read_round_trips.py
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from uuid import UUID, uuid4

import asyncpg
import uvloop

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT / "src", ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from bench.environment import bench_database  # noqa: E402
from infrastructure.database.tenant_scope import TenantScopedConnection  # noqa: E402
from infrastructure.ordering.order_views import (  # noqa: E402
    ORDER_BY_ID_SQL,
    ORDER_IN_ONE_ROUND_TRIP,
    scoped_read,
)

Read = Callable[[TenantScopedConnection, UUID, UUID], Awaitable[object]]


async def three(driver: TenantScopedConnection, tenant: UUID, order: UUID) -> object:
    return await scoped_read(driver, tenant, lambda d: d.fetchrow(ORDER_BY_ID_SQL, tenant, order))


async def one(driver: TenantScopedConnection, tenant: UUID, order: UUID) -> object:
    return await driver.fetchrow(ORDER_IN_ONE_ROUND_TRIP, tenant, order)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _measure(driver: TenantScopedConnection, read: Read, reads: int) -> str:
    tenant, order, backend = uuid4(), uuid4(), driver.get_server_pid()
    for _ in range(500):  # warm: statements prepared, plans cached
        await read(driver, tenant, order)
    client, server, wall = time.process_time(), _cpu_seconds(backend), time.perf_counter()
    for _ in range(reads):
        await read(driver, tenant, order)
    client = (time.process_time() - client) / reads * 1e6
    server = (_cpu_seconds(backend) - server) / reads * 1e6
    wall = (time.perf_counter() - wall) / reads * 1e6
    return f"client {client:.1f} us, PostgreSQL {server:.1f} us, wall {wall:.1f} us"


async def _run(url: str, reads: int, rounds: int) -> None:
    driver = await asyncpg.connect(url, connection_class=TenantScopedConnection)
    try:
        for round_ in range(1, rounds + 1):
            for name, read in (("three round trips", three), ("one round trip", one)):
                print(f"round {round_}, {name}: {await _measure(driver, read, reads)} per read")
    finally:
        await driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work_dir:
        with bench_database(Path(work_dir)) as urls:
            uvloop.run(_run(urls.runtime, options.reads, options.rounds))


if __name__ == "__main__":
    main()
