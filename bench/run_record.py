"""One measured wrk run of one target: its result, the server's CPU and memory, the lock
waits sampled in PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass

from bench.lock_waits import LockWaits
from bench.proc_tree import TreeUsage
from bench.wrk_runner import WrkResult


@dataclass(frozen=True, slots=True)
class Run:
    target: str
    round: int
    result: WrkResult
    server_cpu_s: float | None
    """User + system CPU of the server's whole process tree during the run."""
    process_cpu_s: float | None = None
    """The same for the started process alone (without its children)."""
    rss_mib: float | None = None
    """After the run: resident memory of the largest process of the server's tree."""
    tree_rss_mib: float | None = None
    """After the run: resident memory of the whole tree."""
    locks: LockWaits | None = None
    """Lock waits sampled in PostgreSQL during the run (None: the sampler was off)."""
    database_cpu_s: float | None = None
    """User + system CPU of PostgreSQL during the run (None: not measured)."""

    @classmethod
    def measured(
        cls,
        target: str,
        round_: int,
        result: WrkResult,
        usage: tuple[TreeUsage | None, TreeUsage | None],
        locks: LockWaits | None = None,
    ) -> Run:
        """``usage``: the server's tree before and after the run."""
        before, after = usage
        if before is None or after is None:
            return cls(target, round_, result, None, locks=locks)
        return cls(
            target,
            round_,
            result,
            server_cpu_s=after.cpu_s - before.cpu_s,
            process_cpu_s=after.process_cpu_s - before.process_cpu_s,
            rss_mib=after.rss_mib,
            tree_rss_mib=after.tree_rss_mib,
            locks=locks,
        )

    @property
    def valid(self) -> bool:
        return self.result.errors == 0 and self.result.requests > 0

    @property
    def cpu_ms_per_request(self) -> float | None:
        if self.server_cpu_s is None or self.result.requests == 0:
            return None
        return self.server_cpu_s * 1000 / self.result.requests

    @property
    def database_cpu_ms_per_request(self) -> float | None:
        if self.database_cpu_s is None:
            return None
        return self._per_request_ms(self.database_cpu_s)

    def _per_request_ms(self, seconds: float) -> float | None:
        return seconds * 1000 / self.result.requests if self.result.requests else None

    @property
    def stock_wait_ms_per_request(self) -> float | None:
        """Estimated time waiting on a stock row per request, in ms."""
        return self._per_request_ms(self.locks.stock_wait_s) if self.locks else None

    @property
    def other_lock_wait_ms_per_request(self) -> float | None:
        return self._per_request_ms(self.locks.other_wait_s) if self.locks else None
