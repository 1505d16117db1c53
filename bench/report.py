"""Medians per target, and the ratios to the raw baseline: to the fastest raw stack of the
run (the real limit) and to raw on the stack the API ships on (the same HTTP layer)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from statistics import median

from bench.proc_tree import TreeUsage
from bench.stacks import api_stack
from bench.targets import Preflight, Target
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

    @classmethod
    def measured(
        cls,
        target: str,
        round_: int,
        result: WrkResult,
        before: TreeUsage | None,
        after: TreeUsage | None,
    ) -> Run:
        if before is None or after is None:
            return cls(target, round_, result, None)
        return cls(
            target,
            round_,
            result,
            server_cpu_s=after.cpu_s - before.cpu_s,
            process_cpu_s=after.process_cpu_s - before.process_cpu_s,
            rss_mib=after.rss_mib,
            tree_rss_mib=after.tree_rss_mib,
        )

    @property
    def valid(self) -> bool:
        return self.result.errors == 0 and self.result.requests > 0

    @property
    def cpu_ms_per_request(self) -> float | None:
        if self.server_cpu_s is None or self.result.requests == 0:
            return None
        return self.server_cpu_s * 1000 / self.result.requests


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
    rss_mib: float | None = None
    """The largest process of the server's tree, max over the target's runs."""


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
        return Row(*base, "invalid", detail if runs else "no runs", len(runs))
    return Row(
        *base,
        "ok",
        "",
        len(runs),
        rps=median(run.result.rps for run in runs),
        p50_ms=median(run.result.p50_ms for run in runs),
        p99_ms=median(run.result.p99_ms for run in runs),
        cpu_ms=_median_of([run.cpu_ms_per_request for run in runs]),
        rss_mib=_max_of([run.rss_mib for run in runs]),
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
