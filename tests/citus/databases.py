"""A database on every node of a Citus cluster: the project's roles, the database, the
``citus`` extension in it on each node, and the workers registered with the coordinator;
and a running cluster with one prepared."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg

from infrastructure.database.bootstrap import bootstrap
from tests.citus.cluster import CitusCluster, default_kit
from tests.database import in_database


async def prepare_database(coordinator_url: str, worker_urls: list[str], database: str) -> None:
    """``*_url`` are superuser URLs to each node's ``postgres`` database (host:port)."""
    for url in [coordinator_url, *worker_urls]:
        await bootstrap(url, database)
        connection = await asyncpg.connect(in_database(url, database))
        try:
            await connection.execute("CREATE EXTENSION IF NOT EXISTS citus")
        finally:
            await connection.close()
    coordinator = await asyncpg.connect(in_database(coordinator_url, database))
    try:
        host, port = _address(coordinator_url)
        await coordinator.execute("SELECT citus_set_coordinator_host($1, $2)", host, port)
        for url in worker_urls:
            await coordinator.execute("SELECT citus_add_node($1, $2)", *_address(url))
    finally:
        await coordinator.close()


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    assert parts.hostname is not None and parts.port is not None, url
    return parts.hostname, parts.port


@contextmanager
def running_cluster(database: str) -> Iterator[CitusCluster]:
    """A cluster in a temporary directory with ``database`` prepared on every node (the kit
    from ``CITUS_KIT``, default ``../shared/citus/``'s); stopped and deleted after."""
    kit = Path(os.environ.get("CITUS_KIT") or default_kit())
    scratch = Path(tempfile.mkdtemp(prefix="tenantry-citus-"))
    cluster = CitusCluster(scratch, kit)
    try:
        started = time.monotonic()
        cluster.install()
        cluster.start()
        workers = [node.superuser_url() for node in cluster.workers]
        asyncio.run(prepare_database(cluster.coordinator.superuser_url(), workers, database))
        print(
            f"Citus cluster up in {time.monotonic() - started:.1f} s: {cluster.nodes}", flush=True
        )
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(scratch, ignore_errors=True)
