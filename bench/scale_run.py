"""The scale curve (issue 13, "cost stays flat"): ``.venv/bin/python bench/scale.py [--quick]``.

One throw-away database and one API. Tenant A signs up through the API; the data grows
point by point (``bench/scale_data.py``), and at each point the single read and the page of
50 are measured with wrk (``bench/harness.py``'s warm-up and interleaved rounds) and every
order read the app sends is explained (``bench/scale_explain.py``). See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import asdict
from pathlib import Path
from uuid import UUID

import asyncpg

from bench.config import RESULTS_DIR, Config, parse_args
from bench.environment import SetupFailed, bench_database, sign_up, start_api
from bench.harness import measure
from bench.http_client import HttpClient
from bench.processes import Server
from bench.run_record import Run
from bench.scale_data import Point, ScaleData, curve, orders_of
from bench.scale_explain import Explained, app_statements, explain
from bench.scale_indexes import indexes_not_leading
from bench.scale_report import Latency, Measured, curve_table, explain_table, flat
from bench.seed import SeededTenant
from bench.targets import Fixture, Target, build_targets, openapi_routes, preflight
from bench.wrk_runner import wrk_binary
from infrastructure.database.embedded import DatabaseUrls

MEASURED = ("api-get", "api-list")


def _log(message: str) -> None:
    print(f"[scale] {message}", file=sys.stderr, flush=True)


def _targets(data: ScaleData, token: str, work_dir: Path) -> list[Target]:
    a = data.a
    ids_file = work_dir / "order_ids_a.txt"
    ids_file.write_text("".join(f"{order_id}\n" for order_id in a.order_ids))
    products_file = work_dir / "product_ids_a.txt"
    products_file.write_text("".join(f"{product_id}\n" for product_id in a.product_ids))
    fixture = Fixture(
        a.tenant_id, token, a.customer_id, a.product_ids[0], ids_file, a.order_ids[0], products_file
    )
    return [t for t in build_targets(fixture, []) if t.name in MEASURED]


def _preflight(api: Server, targets: list[Target], first_id: UUID) -> None:
    client = HttpClient(api.base_url)
    routes = openapi_routes(client)
    for target in targets:
        result = preflight(client, target, first_id, routes)
        if result.state != "ok":
            raise SetupFailed(f"preflight {target.name}: {result.state} ({result.detail})")


def _latency(runs: Sequence[Run], target: str) -> Latency:
    mine = [run for run in runs if run.target == target]
    cpu = [run.cpu_ms_per_request for run in mine if run.cpu_ms_per_request is not None]
    return Latency(
        statistics.median(run.result.p50_ms for run in mine),
        statistics.median(run.result.p99_ms for run in mine),
        statistics.median(run.result.rps for run in mine),
        sum(run.result.errors for run in mine),
        statistics.median(cpu) if cpu else None,
    )


async def _explain_all(urls: DatabaseUrls, a: SeededTenant) -> list[Explained]:
    connection = await asyncpg.connect(urls.runtime)
    try:
        statements = app_statements(a.tenant_id, a.order_ids[len(a.order_ids) // 2], a.customer_id)
        return [await explain(connection, a.tenant_id, st) for st in statements]
    finally:
        await connection.close()


def _point(
    point: Point, data: ScaleData, setup: tuple[Config, Server, str, DatabaseUrls], work_dir: Path
) -> Measured:
    config, api, token, urls = setup
    _log(f"reaching {point.label}")
    reached = asyncio.run(data.reach(point))
    _log(f"  +{reached.added:,} / -{reached.removed:,} orders in {reached.seconds:,.1f} s")
    targets = _targets(data, token, work_dir)
    _preflight(api, targets, data.a.order_ids[0])
    runs = measure(config, targets, {"api": api})
    explained = asyncio.run(_explain_all(urls, data.a))
    total = sum(orders_of(point))
    read, page = _latency(runs, "api-get"), _latency(runs, "api-list")
    return Measured(point, total, len(data.a.order_ids), reached.seconds, read, page, explained)


def _arguments(argv: Sequence[str] | None) -> tuple[argparse.Namespace, Config]:
    parser = argparse.ArgumentParser(prog="bench/scale.py", description=__doc__)
    add = parser.add_argument
    add("--quick", action="store_true", help="stop at 100,000 orders and 100 tenants")
    add("--seconds", type=float, default=5.0, help="each measured wrk run (5)")
    add("--rounds", type=int, default=2, help="interleaved rounds per point; medians (2)")
    add("--warmup", type=float, default=3.0, help="warm-up per target at each point (3)")
    add("--connections", type=int, default=16, help="wrk connections (16)")
    add("--seed", type=int, default=42, help="random seed of the generated data (42)")
    add("--output", type=Path, default=RESULTS_DIR / "scale.json", help="JSON results file")
    args = parser.parse_args(argv)
    config = parse_args(
        [
            *("--seconds", str(args.seconds), "--rounds", str(args.rounds)),
            *("--warmup", str(args.warmup), "--connections", str(args.connections)),
            *("--lock-sample-ms", "0", "--seed", str(args.seed)),
        ]
    )
    return args, config


def _largest_seq_scans(rows: Sequence[Measured]) -> list[str]:
    """Seq scans on the big tables at the points of the largest total."""
    largest = max(row.total for row in rows)
    return [
        f"{row.point.label}: {e.statement}: {scan.table}"
        for row in rows
        if row.total >= largest * 0.99
        for e in row.explained
        for scan in e.seq_scans
    ]


def _report(rows: list[Measured], not_leading: tuple[int, list[str]]) -> list[str]:
    lines = ["", *curve_table(rows), ""]
    verdict = "**met**" if flat(rows) else "not met"
    lines.append(f"Flat (every p50 within 1.2x of the first point's): {verdict}")
    for axis in ("data", "tenants"):
        last = [row for row in rows if row.point.axis == axis][-1:]
        if last:
            lines += ["", f"EXPLAIN at {last[0].point.label}:", ""]
            lines += explain_table(rows[0].explained, last[0].explained)
    total, bad = not_leading
    lines.append("")
    lines.append(
        f"Indexes on tenant tables: {total}; "
        + ("every one leads with tenant_id." if not bad else f"not led by tenant_id: {bad}")
    )
    return lines


async def _catalog(urls: DatabaseUrls) -> tuple[int, list[str]]:
    connection = await asyncpg.connect(urls.owner)
    try:
        return await indexes_not_leading(connection)
    finally:
        await connection.close()


def _run(args: argparse.Namespace, config: Config, work_dir: Path) -> int:
    rows: list[Measured] = []
    with bench_database(work_dir) as urls, ExitStack() as stack:
        api = start_api(stack, urls, config.pool_size, work_dir, RELAY_WORKERS="0")
        tenant_a, token = sign_up(HttpClient(api.base_url), "bench-a")
        data = ScaleData(urls.owner, tenant_a, config.seed)
        for point in curve(args.quick):
            rows.append(_point(point, data, (config, api, token, urls), work_dir))
            _log("\n".join(curve_table(rows)))
        not_leading = asyncio.run(_catalog(urls))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps([asdict(row) for row in rows], indent=2, default=str))
    print("\n".join(_report(rows, not_leading)), flush=True)
    seq = _largest_seq_scans(rows)
    for line in seq:
        print(f"!!! Seq Scan at the largest point: {line}", flush=True)
    invalid = any(row.read.errors or row.page.errors for row in rows)
    return 1 if seq or invalid else 0


def main(argv: Sequence[str] | None = None) -> int:
    args, config = _arguments(argv)
    wrk_binary()
    work_dir = Path(tempfile.mkdtemp(prefix="tenantry-scale-"))
    try:
        return _run(args, config, work_dir)
    finally:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        for log in work_dir.glob("*.log"):
            shutil.copyfile(log, RESULTS_DIR / f"scale-{log.name}")
        shutil.rmtree(work_dir, ignore_errors=True)
