"""Medians per target, and the ratios to the raw baseline: to the fastest raw stack of the
run (the real limit) and to raw on the stack the API ships on (the same HTTP layer)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from statistics import median

from bench.run_record import Run
from bench.stacks import api_stack
from bench.targets import Preflight, Target

__all__ = ["Reference", "Row", "Run", "summarize"]


@dataclass(frozen=True, slots=True)
class Row:
    target: str
    request: str
    stack: str
    raw: bool
    state: str
    """``ok``, ``unavailable``, ``failed`` (preflight) or ``invalid`` (a run had errors)."""
    detail: str
    runs: int
    rps: float | None = None
    ratio: float | None = None
    """To the fastest raw stack of the run."""
    ratio_api_stack: float | None = None
    """To raw on the API's own stack (uvicorn, httptools + uvloop)."""
    p50_ms: float | None = None
    p99_ms: float | None = None
    cpu_ms: float | None = None
    database_cpu_ms: float | None = None
    """PostgreSQL's CPU per request (every node), median over the runs."""
    rss_mib: float | None = None
    """The largest process of the server's tree, max over the target's runs."""
    stock_wait_ms: float | None = None
    """Estimated ms per request spent waiting on a stock row (None: not sampled)."""
    stock_waiter_share: float | None = None
    """Share of the sampled time with at least one stock-row waiter."""
    other_lock_wait_ms: float | None = None
    """Estimated ms per request of the runtime role's other lock waits."""
    deadlocks: int | None = None
    """Deadlocks detected during the target's runs, summed."""
    other_lock_waits: dict[str, int] | None = None
    """The other lock waits seen over the target's runs: statement head -> observations."""
    sampler_cpu_share: float | None = None
    """The lock sampler's own CPU, as a share of one CPU (max over the runs)."""


@dataclass(frozen=True, slots=True)
class Reference:
    """The raw rows the ratios are taken against (None: no valid run)."""

    fastest: Row | None
    api_stack: Row | None


def _median_of(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return median(present) if present else None


def _max_of(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def _row(target: Target, preflight: Preflight, runs: list[Run]) -> Row:
    base = (target.name, target.request, target.stack, target.raw)
    if preflight.state != "ok":
        return Row(*base, preflight.state, preflight.detail, 0)
    bad = [run for run in runs if not run.valid]
    if bad or not runs:
        status = sum(run.result.status_errors for run in bad)
        socket = sum(run.result.socket_errors for run in bad)
        detail = f"{len(bad)} of {len(runs)} runs had errors: {status} HTTP >= 400, {socket} socket"
        deadlocks = sum(run.locks.deadlocks for run in bad if run.locks is not None)
        detail += f"; PostgreSQL saw {deadlocks} deadlock(s)" if deadlocks else ""
        return Row(*base, "invalid", detail if runs else "no runs", len(runs))
    row = Row(
        *base,
        "ok",
        "",
        len(runs),
        rps=median(run.result.rps for run in runs),
        p50_ms=median(run.result.p50_ms for run in runs),
        p99_ms=median(run.result.p99_ms for run in runs),
        cpu_ms=_median_of([run.cpu_ms_per_request for run in runs]),
        database_cpu_ms=_median_of([run.database_cpu_ms_per_request for run in runs]),
        rss_mib=_max_of([run.rss_mib for run in runs]),
    )
    return _with_locks(row, runs)


def _with_locks(row: Row, runs: list[Run]) -> Row:
    """Medians of the sampled lock waits; none when a run went unsampled."""
    present = [run.locks for run in runs if run.locks is not None]
    if not runs or len(present) < len(runs):
        return row
    return replace(
        row,
        stock_wait_ms=_median_of([run.stock_wait_ms_per_request for run in runs]),
        stock_waiter_share=median(sampled.stock_share for sampled in present),
        other_lock_wait_ms=_median_of([run.other_lock_wait_ms_per_request for run in runs]),
        deadlocks=sum(sampled.deadlocks for sampled in present),
        other_lock_waits=dict(sum((Counter(s.others) for s in present), Counter()).most_common()),
        sampler_cpu_share=max(sampled.sampler_cpu_share for sampled in present),
    )


def _ratio(row: Row, reference: Row | None) -> float | None:
    if row.rps is None or reference is None or not reference.rps:
        return None
    return row.rps / reference.rps


def summarize(
    targets: list[Target], preflights: dict[str, Preflight], runs: list[Run]
) -> tuple[list[Row], Reference]:
    """One row per target, with both ratios; the reference is the raw stack with the highest
    median req/s among those whose runs were all valid."""
    rows = [
        _row(target, preflights[target.name], [r for r in runs if r.target == target.name])
        for target in targets
    ]
    measured = [row for row in rows if row.raw and row.rps]
    own = api_stack().name
    reference = Reference(
        fastest=max(measured, key=lambda row: row.rps or 0.0, default=None),
        api_stack=next((row for row in measured if row.target == own), None),
    )
    rows = [
        replace(
            row,
            ratio=_ratio(row, reference.fastest),
            ratio_api_stack=_ratio(row, reference.api_stack),
        )
        for row in rows
    ]
    return rows, reference
