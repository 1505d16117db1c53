"""Medians, ratios to the raw baseline, the markdown table and the JSON results."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from statistics import median

from bench.config import Config
from bench.targets import RAW, Preflight, Target
from bench.wrk_runner import WrkResult


@dataclass(frozen=True, slots=True)
class Run:
    target: str
    round: int
    result: WrkResult
    server_cpu_s: float | None

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
    state: str
    """``ok``, ``unavailable``, ``failed`` (preflight) or ``invalid`` (a run had errors)."""
    detail: str
    runs: int
    rps: float | None = None
    ratio: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    cpu_ms: float | None = None


def _median_of(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return median(present) if present else None


def _row(target: Target, preflight: Preflight, runs: list[Run]) -> Row:
    base = (target.name, target.request)
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
    )


def summarize(
    targets: list[Target], preflights: dict[str, Preflight], runs: list[Run]
) -> list[Row]:
    """One row per target; ratios are to the raw baseline's median req/s of the same run."""
    rows = [
        _row(target, preflights[target.name], [r for r in runs if r.target == target.name])
        for target in targets
    ]
    raw = next((row for row in rows if row.target == RAW), None)
    if raw is None or raw.rps is None or raw.rps == 0:
        return rows
    return [row if row.rps is None else replace(row, ratio=row.rps / raw.rps) for row in rows]


def _num(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _table_line(row: Row) -> str:
    if row.state == "ok":
        cells = [_num(row.rps, 0), _num(row.ratio, 3), _num(row.p50_ms, 2), _num(row.p99_ms, 2)]
        cells += [_num(row.cpu_ms, 3), str(row.runs)]
    else:
        label = {"unavailable": "not available", "failed": "PREFLIGHT FAILED"}
        cells = [label.get(row.state, "**INVALID**"), "–", "–", "–", "–", str(row.runs)]
    return f"| {row.target} | `{row.request}` | " + " | ".join(cells) + " |"


def render(config: Config, machine: dict[str, object], rows: list[Row]) -> str:
    lines = [
        "## Tenantry benchmark",
        "",
        f"wrk -t1 -c{config.connections} -d{config.seconds:g}s --latency, warm-up "
        f"{config.warmup:g} s per target, {config.rounds} interleaved round(s), medians; "
        "ratios are to `raw` in the same run. `raw` is bench/raw_app.py: pure ASGI + asyncpg as "
        "superuser (no RLS, no auth), the same two reads, served by uvicorn like the API.",
        f"Machine: nproc {machine['nproc']} ({machine['cpu_model']}), Python {machine['python']}, "
        f"{machine['postgres']}, {machine['wrk']}, git {machine['git']}, "
        f"load average at start {machine['load_average']}.",
        "",
        "| target | request | req/s | ratio to raw | p50 ms | p99 ms | server CPU ms/req | runs |",
        "|---|---|---|---|---|---|---|---|",
        *(_table_line(row) for row in rows),
    ]
    notes = [f"- {row.target}: {row.state}: {row.detail}" for row in rows if row.state != "ok"]
    if notes:
        lines += ["", "Notes:", *notes]
    broken = [row.target for row in rows if row.state in ("failed", "invalid")]
    if broken:
        lines += [
            "",
            "!" * 78,
            f"!!! NOT VALID: {', '.join(broken)} had errors; their numbers are not reported.",
            "!" * 78,
        ]
    return "\n".join(lines)


def write_json(
    path: Path,
    config: Config,
    machine: dict[str, object],
    preflights: dict[str, Preflight],
    runs: list[Run],
    rows: list[Row],
) -> None:
    payload = {
        "config": asdict(config),
        "machine": machine,
        "preflight": {name: asdict(preflight) for name, preflight in preflights.items()},
        "runs": [
            {
                **asdict(run),
                "rps": run.result.rps,
                "valid": run.valid,
                "cpu_ms_per_request": (run.cpu_ms_per_request),
            }
            for run in runs
        ],
        "summary": [asdict(row) for row in rows],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n")
