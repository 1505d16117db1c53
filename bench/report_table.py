"""The markdown table of one run, with the reference stack named and any invalid target
shouted."""

from __future__ import annotations

from bench.config import Config
from bench.goals import goal_lines
from bench.report import Reference, Row
from bench.stacks import api_stack

_COLUMNS = (
    "target",
    "stack",
    "request",
    "req/s",
    "ratio to fastest raw",
    "ratio to raw on the API's stack",
    "p50 ms",
    "p99 ms",
    "server CPU ms/req",
    "database CPU ms/req",
    "RSS MiB",
    "stock-row wait ms/req",
    "time with a stock waiter",
    "runs",
)
_STATE_LABELS = {"unavailable": "not available", "failed": "PREFLIGHT FAILED"}


def _num(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _table_line(row: Row) -> str:
    if row.state == "ok":
        cells = [_num(row.rps, 0), _num(row.ratio, 3), _num(row.ratio_api_stack, 3)]
        cells += [_num(row.p50_ms, 2), _num(row.p99_ms, 2), _num(row.cpu_ms, 3)]
        cells += [_num(row.database_cpu_ms, 3)]
        share = None if row.stock_waiter_share is None else row.stock_waiter_share * 100
        cells += [_num(row.rss_mib, 0), _num(row.stock_wait_ms, 3), _pct(share), str(row.runs)]
    else:
        blanks = ["–"] * (len(_COLUMNS) - 5)  # the numbers between the label and the runs
        cells = [_STATE_LABELS.get(row.state, "**INVALID**"), *blanks, str(row.runs)]
    return f"| {row.target} | {row.stack} | `{row.request}` | " + " | ".join(cells) + " |"


def _venv_lines(config: Config) -> list[str]:
    if config.api_venv is None:
        return []
    return [f"The API ran from {config.api_venv} (`--api-venv`), not the project's `.venv`."]


def _reference_lines(reference: Reference) -> list[str]:
    fastest, own = reference.fastest, reference.api_stack
    if fastest is None:
        return ["No raw stack had a valid run: no ratios."]
    lines = [
        f"Fastest raw stack in this run: **{fastest.target}** ({fastest.stack}), "
        f"{_num(fastest.rps, 0)} req/s: the reference of `ratio to fastest raw`."
    ]
    if own is None:
        lines.append(f"Raw on the API's stack ({api_stack().name}) has no valid run.")
    elif own.rps and fastest.rps:
        lines.append(
            f"Raw on the API's own stack: {own.target} ({own.stack}), {_num(own.rps, 0)} "
            f"req/s, {own.rps / fastest.rps:.3f} of the fastest."
        )
    return lines


def _other_waits(row: Row) -> str:
    top = next(iter(row.other_lock_waits or {}), None)
    return f"{row.target} {_num(row.other_lock_wait_ms, 3)}" + (f" (`{top}`)" if top else "")


def _lock_lines(config: Config, rows: list[Row]) -> list[str]:
    if config.lock_sample_ms <= 0:
        return ["Lock waits: not sampled (--lock-sample-ms 0)."]
    cost = max((row.sampler_cpu_share or 0.0 for row in rows), default=0.0)
    other = [_other_waits(row) for row in rows if row.other_lock_wait_ms]
    deadlocks = sum(row.deadlocks or 0 for row in rows)
    lines = [
        f"Stock-row waits: pg_stat_activity sampled every {config.lock_sample_ms:g} ms during "
        "each run, the runtime role's backends waiting on a lock in a statement on `products`; "
        f"the sampler itself used at most {cost * 100:.1f}% of one CPU (its thread + its "
        "backend)."
    ]
    if other:
        lines.append(f"Other lock waits, ms/req (most seen): {'; '.join(other)}.")
    if deadlocks:
        lines.append(f"Deadlocks during valid runs: {deadlocks}.")
    return lines


def render(
    config: Config, machine: dict[str, object], rows: list[Row], reference: Reference
) -> str:
    lines = [
        "## Tenantry benchmark",
        "",
        f"wrk -t1 -c{config.connections} -d{config.seconds:g}s --latency, warm-up "
        f"{config.warmup:g} s per target, {config.rounds} interleaved round(s), medians. "
        "`raw-*` is bench/raw_app.py (pure ASGI + asyncpg as superuser, no RLS, no auth, the "
        "same two reads), one server process per HTTP stack; `api-*` is `tenantry serve`; "
        "`floor-*` is bench/floor_app.py (the floors: the API's token check, RLS and "
        "statements, no framework, on the API's stack). "
        "Server CPU counts the server's whole process tree; RSS is its largest process; "
        "database CPU is every PostgreSQL process's (the lock sampler's backend included).",
        f"Machine: nproc {machine['nproc']} ({machine['cpu_model']}), Python {machine['python']}, "
        f"{machine['postgres']}, {machine['wrk']}, git {machine['git']}, "
        f"load average at start {machine['load_average']}.",
        *_venv_lines(config),
        "",
        *_reference_lines(reference),
        *_lock_lines(config, rows),
        "",
        "| " + " | ".join(_COLUMNS) + " |",
        "|" + "---|" * len(_COLUMNS),
        *(_table_line(row) for row in rows),
    ]
    lines += ["", "Issue 13's targets (this run):", "", *goal_lines(rows)]
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
