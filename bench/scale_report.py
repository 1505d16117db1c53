"""The scale curve's tables: p50s per point as ratios to the first point, and the EXPLAINs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.scale_data import Point
from bench.scale_explain import Explained, Scan

FLAT = 1.2
"""Issue 13: each p50 within 1.2x of the first point's."""


@dataclass(frozen=True, slots=True)
class Latency:
    p50_ms: float
    p99_ms: float
    rps: float
    errors: int
    cpu_ms: float | None
    """Server CPU (the API's process tree) per request."""


@dataclass(frozen=True, slots=True)
class Measured:
    point: Point
    total: int
    """The real total (``orders_of`` rounds the other tenants' share down)."""
    a_orders: int
    seed_s: float
    read: Latency
    page: Latency
    explained: list[Explained]


def _ratio(value: float, first: float) -> str:
    ratio = value / first if first > 0 else float("inf")
    return f"{ratio:.2f}" if ratio <= FLAT else f"**{ratio:.2f}**"


def _rate(latency: Latency) -> str:
    cpu = "–" if latency.cpu_ms is None else f"{latency.cpu_ms:.2f}"
    return f"{latency.rps:,.0f}, {cpu}"


def curve_table(rows: Sequence[Measured]) -> list[str]:
    """One line per point; ratios > 1.2 in bold; a point with errors is INVALID."""
    lines = [
        "| point | tenants | orders in total | A's orders | seeding s | read p50 / p99 ms "
        "| read req/s, CPU ms/req | page p50 / p99 ms | page req/s, CPU ms/req "
        "| read p50 ratio | page p50 ratio |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    first = rows[0]
    for n, row in enumerate(rows, start=1):
        read, page = row.read, row.page
        invalid = read.errors or page.errors
        ratios = (
            "INVALID | INVALID"
            if invalid
            else f"{_ratio(read.p50_ms, first.read.p50_ms)} | "
            f"{_ratio(page.p50_ms, first.page.p50_ms)}"
        )
        lines.append(
            f"| {n} {row.point.axis} | {row.point.tenants:,} | {row.total:,} | {row.a_orders:,} "
            f"| {row.seed_s:,.0f} | {read.p50_ms:.2f} / {read.p99_ms:.2f} | {_rate(read)} "
            f"| {page.p50_ms:.2f} / {page.p99_ms:.2f} | {_rate(page)} | {ratios} |"
        )
    return lines


def flat(rows: Sequence[Measured]) -> bool:
    first = rows[0]
    return all(
        not (r.read.errors or r.page.errors)
        and r.read.p50_ms <= FLAT * first.read.p50_ms
        and r.page.p50_ms <= FLAT * first.page.p50_ms
        for r in rows
    )


def _scan(scan: Scan) -> str:
    index = f" {scan.index}" if scan.index else ""
    rows = "" if scan.rows is None else f" ({scan.rows:,} rows)"
    return f"{scan.table}: {scan.node}{index}{rows}"


def _scans(scans: Sequence[Scan]) -> str:
    return "<br>".join(_scan(s) for s in scans) or "–"


def explain_table(first: Sequence[Explained], last: Sequence[Explained]) -> list[str]:
    """Per statement: the scans of the custom plan (with rows) and of the generic plan, the
    rows sorted, buffers and execution time at the last point, and its time at the first."""
    lines = [
        "| statement | scans (ANALYZE, A's values) | generic plan | rows sorted | buffers "
        "| ms | ms at the first point |",
        "|---|---|---|---|---|---|---|",
    ]
    before = {e.statement: e.ms for e in first}
    for e in last:
        generic = "<br>".join(
            f"{s.table}: {s.node}{' ' + s.index if s.index else ''}" for s in e.generic_scans
        )
        lines.append(
            f"| {e.statement} | {_scans(e.scans)} | {generic or '–'} | {e.sorted_rows:,} "
            f"| {e.buffers:,} | {e.ms:.2f} | {before.get(e.statement, 0.0):.2f} |"
        )
    return lines
