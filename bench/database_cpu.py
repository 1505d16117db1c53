"""CPU of the benchmark's PostgreSQL: every server process (the postmaster and every process
below it, the backends that served the load included), on each node of a Citus cluster too.

A backend that exits is reaped by its postmaster, so its time stays counted
(``proc_tree``). The lock sampler's backend is counted too (at most ~3% of a CPU, reported
with the lock waits). A node whose processes this machine cannot see (a remote worker)
counts nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import asyncpg

from bench.proc_tree import parent_of, tree_usage

_CHECKPOINTER = "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'"
_ON_WORKERS = "SELECT result FROM run_command_on_workers($$" + _CHECKPOINTER + "$$) WHERE success"
_HAS_CITUS = "SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')"


async def _checkpointers(superuser_dsn: str) -> list[int]:
    """The checkpointer of each node: a child of its postmaster for the server's life."""
    connection = await asyncpg.connect(superuser_dsn)
    try:
        pids = [int(await connection.fetchval(_CHECKPOINTER))]
        if await connection.fetchval(_HAS_CITUS):
            pids += [int(row["result"]) for row in await connection.fetch(_ON_WORKERS)]
        return pids
    finally:
        await connection.close()


@dataclass(frozen=True, slots=True)
class DatabaseCpu:
    postmasters: tuple[int, ...]

    @classmethod
    def of(cls, superuser_dsn: str) -> DatabaseCpu:
        parents = (parent_of(pid) for pid in asyncio.run(_checkpointers(superuser_dsn)))
        return cls(tuple(pid for pid in parents if pid is not None))

    def cpu_s(self) -> float | None:
        """User + system CPU of every server process so far (None: no server seen)."""
        usages = [tree_usage(pid) for pid in self.postmasters]
        seen = [usage.cpu_s for usage in usages if usage is not None]
        return sum(seen) if seen else None
