"""Time the API's transactions spend waiting on a lock (the stock row above all), sampled in
PostgreSQL while wrk runs.

PostgreSQL keeps no cumulative lock-wait time: ``pg_stat_database`` counts deadlocks, not
waits, and ``log_lock_waits`` only reports waits longer than ``deadlock_timeout`` (1 s). So
``pg_stat_activity`` is polled every interval and the backends of the runtime role with
``wait_event_type = 'Lock'`` are counted. The poll runs inside PostgreSQL, in a function on
the sampler's own connection (as the superuser, which sees every backend's statement;
``bench/lock_waits_sql.py``): polled from Python instead, the client cost about 3 times the
CPU. A row lock shows as such a wait: the first waiter on a row
waits for the holder's transaction (``transactionid``), later ones for the tuple lock
(``tuple``). A waiter whose statement names ``products`` waits on a stock row (the
reservation's ``UPDATE products``); any other lock wait is counted apart, with the first 60
characters of its statement.

Estimate: waiter-seconds = the sum over samples of waiters x the time since the previous
sample. It is unbiased when waits fall at random against the samples; a wait much shorter
than the interval is seen with a probability in proportion to its length, so few
observations mean a rough figure (``stock_observed`` says how many). The sampler costs CPU
on the machine it measures: its backend (and its thread) are timed and reported.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urlsplit

import asyncpg

from bench.lock_waits_sql import CALL_SAMPLER, DEADLOCKS, SAMPLER_FUNCTION
from bench.proc_tree import tree_usage


class SamplerFailed(RuntimeError):
    """The lock-wait sampler could not connect or query."""


@dataclass(frozen=True, slots=True)
class LockWaits:
    window_s: float
    """Time from the first sample to the last."""
    samples: int
    stock_wait_s: float
    """Estimated waiter-seconds of statements on ``products`` (stock rows)."""
    other_wait_s: float
    """Estimated waiter-seconds of the runtime role's other lock waits."""
    stock_busy_s: float
    """Estimated time with at least one stock-row waiter."""
    stock_observed: int
    """Stock-row waiters seen, summed over the samples: how much the estimate rests on."""
    deadlocks: int
    """Deadlocks PostgreSQL detected in the database during the run."""
    sampler_cpu_s: float
    """CPU of the sampler's own thread and (when /proc shows it) of its backend."""
    others: dict[str, int] = field(default_factory=dict)
    """The other lock waits seen: ``wait_event: statement head`` -> observations."""

    @property
    def stock_share(self) -> float:
        return self.stock_busy_s / self.window_s if self.window_s > 0 else 0.0

    @property
    def sampler_cpu_share(self) -> float:
        """The sampler's CPU as a share of one CPU over the window."""
        return self.sampler_cpu_s / self.window_s if self.window_s > 0 else 0.0


def _backend_cpu_s(pid: int) -> float:
    usage = tree_usage(pid)  # a backend on another host (Citus workers are local) reads 0
    return usage.process_cpu_s if usage is not None else 0.0


@dataclass(frozen=True, slots=True)
class LockProbe:
    """Where and how often to sample: the superuser's DSN of the bench database, the role
    whose waits count (the API's runtime role), the interval."""

    dsn: str
    role: str
    interval_s: float

    @classmethod
    def for_runtime(cls, superuser_dsn: str, runtime_url: str, interval_ms: float) -> LockProbe:
        return cls(superuser_dsn, urlsplit(runtime_url).username or "", interval_ms / 1000)

    def sampler(self) -> LockWaitSampler:
        return LockWaitSampler(self)


class LockWaitSampler:
    """``with probe.sampler() as sampler: <load>``, then ``sampler.result``. Sampling has
    begun when the block starts and ends when it ends."""

    def __init__(self, probe: LockProbe) -> None:
        self._probe = probe
        self._ready = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._main, name="lock-sampler", daemon=True)
        self._error: BaseException | None = None
        self.result: LockWaits | None = None

    def __enter__(self) -> LockWaitSampler:
        self._thread.start()
        self._ready.wait(timeout=30)
        if self._error is not None or not self._ready.is_set():
            self._stop.set()
            raise SamplerFailed(f"lock sampler did not start: {self._error!r}")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
        if self._error is not None and kind is None:
            raise SamplerFailed(f"lock sampler failed: {self._error!r}")

    def _main(self) -> None:
        try:
            self.result = asyncio.run(self._sample())
        except Exception as error:  # the thread's failure is raised by __enter__ or __exit__
            self._error = error
            self._ready.set()

    async def _sample(self) -> LockWaits:
        sampling, control = await self._connect(), await self._connect()
        try:
            await sampling.execute(SAMPLER_FUNCTION)
            deadlocks = int(await control.fetchval(DEADLOCKS) or 0)
            pid = sampling.get_server_pid()
            cpu = time.thread_time() + _backend_cpu_s(pid)
            row = await self._until_stopped(sampling, control)
            cpu = time.thread_time() + _backend_cpu_s(pid) - cpu
            deadlocks = int(await control.fetchval(DEADLOCKS) or 0) - deadlocks
        finally:
            await sampling.close()
            await control.close()
        others = dict(Counter(row["others"]).most_common())
        return LockWaits(
            window_s=float(row["window_s"]),
            samples=int(row["samples"]),
            stock_wait_s=float(row["stock_wait_s"]),
            other_wait_s=float(row["other_wait_s"]),
            stock_busy_s=float(row["stock_busy_s"]),
            stock_observed=int(row["stock_observed"]),
            deadlocks=deadlocks,
            sampler_cpu_s=cpu,
            others=others,
        )

    async def _connect(self) -> asyncpg.Connection:
        return await asyncpg.connect(self._probe.dsn)

    async def _until_stopped(
        self, sampling: asyncpg.Connection, control: asyncpg.Connection
    ) -> asyncpg.Record:
        """Hold the stop key on ``control`` while the loop runs on ``sampling``; release it
        once ``__exit__`` asks, and answer the loop's totals."""
        key = random.getrandbits(62)
        await control.execute("SELECT pg_advisory_lock($1)", key)
        args = (self._probe.role, self._probe.interval_s, key)
        loop = asyncio.ensure_future(sampling.fetchrow(CALL_SAMPLER, *args))
        await asyncio.sleep(0.01)  # the call is on its way before the load starts
        self._ready.set()
        while not self._stop.is_set() and not loop.done():
            await asyncio.sleep(0.05)
        await control.execute("SELECT pg_advisory_unlock($1)", key)
        row = await loop
        assert row is not None  # the function answers one row
        return row
