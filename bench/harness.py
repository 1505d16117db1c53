"""The benchmark run: set up, preflight every target, warm up, interleaved rounds, report."""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from bench.config import Config, parse_args
from bench.database_cpu import DatabaseCpu
from bench.environment import (
    SetupFailed,
    bench_database,
    prepare_data,
    start_servers,
    superuser_bench_dsn,
)
from bench.http_client import HttpClient, HttpFailure
from bench.lock_waits import LockProbe, SamplerFailed
from bench.machine import machine_info
from bench.processes import Server, ServerFailed
from bench.report import Run, summarize
from bench.report_table import render
from bench.results_file import write_json
from bench.seed import SeedMismatch
from bench.stacks import STACKS
from bench.targets import Fixture, Preflight, Target, build_targets, openapi_routes, preflight
from bench.wrk_runner import WrkError, run_wrk, wrk_binary


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def preflight_all(
    targets: list[Target],
    servers: dict[str, Server],
    not_running: dict[str, Preflight],
    fixture: Fixture,
) -> dict[str, Preflight]:
    """A preflight per target; a raw stack without a server keeps why it has none."""
    results: dict[str, Preflight] = {}
    routes = openapi_routes(HttpClient(servers["api"].base_url))
    for target in targets:
        if target.server in not_running:
            result = results[target.name] = not_running[target.server]
        else:
            client = HttpClient(servers[target.server].base_url)
            result = results[target.name] = preflight(client, target, fixture.first_id, routes)
        _log(f"preflight {target.name}: {result.state} ({result.detail})")
    return results


@dataclass(frozen=True, slots=True)
class Watch:
    """What is measured around each run besides the server's own CPU and memory."""

    probe: LockProbe | None = None
    """Lock waits sampled in PostgreSQL (None: not sampled)."""
    database: DatabaseCpu | None = None
    """PostgreSQL's CPU (None: not measured)."""

    def database_cpu_s(self) -> float | None:
        return None if self.database is None else self.database.cpu_s()


def _one_run(
    config: Config, target: Target, server: Server, timing: tuple[float, int], watch: Watch
) -> Run:
    """One wrk run of ``timing`` = (seconds, round), the server's and the database's CPU
    around it and, with a lock probe, the lock waits during it."""
    (seconds, round_), locks = timing, None
    before, database_before = server.usage(), watch.database_cpu_s()
    if watch.probe is None:
        result = run_wrk(server.base_url, target.load, seconds, config.connections)
    else:
        with watch.probe.sampler() as sampler:
            result = run_wrk(server.base_url, target.load, seconds, config.connections)
        locks = sampler.result
    after, database_after = server.usage(), watch.database_cpu_s()
    if server.process.poll() is not None:
        raise ServerFailed(f"{server.name} died during {target.name}:\n{server.log_tail()}")
    run = Run.measured(target.name, round_, result, (before, after), locks)
    if database_before is None or database_after is None:
        return run
    return replace(run, database_cpu_s=database_after - database_before)


_UNWATCHED = Watch()


def measure(
    config: Config, targets: list[Target], servers: dict[str, Server], watch: Watch = _UNWATCHED
) -> list[Run]:
    """Warm up each target once, then ``rounds`` rounds, rotating the order every round."""
    if config.warmup >= 1:
        for target in targets:
            _log(f"warm-up {target.name} ({config.warmup:g} s)")
            warm = _one_run(config, target, servers[target.server], (config.warmup, 0), watch)
            if not warm.valid:
                _log(f"!!! warm-up of {target.name} had {warm.result.errors} errors")
    runs: list[Run] = []
    for round_ in range(1, config.rounds + 1):
        shift = (round_ - 1) % len(targets)
        for target in targets[shift:] + targets[:shift]:
            time.sleep(config.pause)
            timing = (config.seconds, round_)
            run = _one_run(config, target, servers[target.server], timing, watch)
            runs.append(run)
            result = run.result
            flag = "" if run.valid else f"  !!! {result.errors} ERRORS: run is not valid"
            _log(
                f"round {round_}/{config.rounds} {target.name}: {result.rps:,.0f} req/s, "
                f"p50 {result.p50_ms:.2f} ms, p99 {result.p99_ms:.2f} ms{flag}"
            )
    return runs


def _run(config: Config, work_dir: Path) -> int:
    with bench_database(work_dir, config.citus) as urls, ExitStack() as stack:
        _log(f"database migrated; starting the API and the raw baseline on {config.stacks}")
        servers, not_running = start_servers(stack, urls, config, work_dir)
        _log(f"seeding 2 tenants x {config.products} products, {config.orders} orders")
        prepared = prepare_data(config, urls, servers["api"], work_dir)
        stacks = [raw for raw in STACKS if raw.name in config.stacks]
        every = build_targets(prepared.fixture, stacks)
        targets = [t for t in every if t.raw or t.name in config.targets]
        preflights = preflight_all(targets, servers, not_running, prepared.fixture)
        machine = machine_info(prepared.postgres_version)
        active = [target for target in targets if preflights[target.name].state == "ok"]
        probe = None
        if config.lock_sample_ms > 0:
            probe = LockProbe.for_runtime(
                superuser_bench_dsn(urls), urls.runtime, config.lock_sample_ms
            )
        watch = Watch(probe, DatabaseCpu.of(superuser_bench_dsn(urls)))
        runs = measure(config, active, servers, watch) if active else []
    rows, reference = summarize(targets, preflights, runs)
    write_json(config.output, config, machine, preflights, runs, (rows, reference))
    print(render(config, machine, rows, reference), flush=True)
    _log(f"raw results: {config.output}")
    return 1 if any(row.state in ("failed", "invalid") for row in rows) else 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    config = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        wrk_binary()
    except WrkError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    work_dir = Path(tempfile.mkdtemp(prefix="tenantry-bench-"))
    try:
        return _run(config, work_dir)
    except (ServerFailed, SetupFailed, SeedMismatch, WrkError, HttpFailure, SamplerFailed) as error:
        print(f"bench: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bench: interrupted; servers and database stopped", file=sys.stderr)
        return 130
    finally:
        _keep_logs(work_dir, config.output.parent)
        shutil.rmtree(work_dir, ignore_errors=True)


def _keep_logs(work_dir: Path, results_dir: Path) -> None:
    """Keep the servers' logs next to the results (bench/results/*.log, git-ignored)."""
    results_dir.mkdir(parents=True, exist_ok=True)
    for log in work_dir.glob("*.log"):
        shutil.copyfile(log, results_dir / log.name)
