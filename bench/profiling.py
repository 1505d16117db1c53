"""Profile the API under the benchmark's load: ``.venv/bin/python bench/profile.py``.

The same set-up as ``bench/run.py`` (throw-away PostgreSQL, ``tenantry serve``, two seeded
tenants, the same wrk load per target) without the raw baseline; for each target a warm-up,
then ``py-spy record`` of the API process while wrk runs. See bench/README.md.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

from bench.collapsed import load
from bench.config import parse_args
from bench.database_cpu import DatabaseCpu
from bench.environment import (
    SetupFailed,
    bench_database,
    prepare_data,
    start_api,
    superuser_bench_dsn,
)
from bench.http_client import HttpClient, HttpFailure
from bench.proc_tree import Schedule, descendants, main_thread_schedule
from bench.processes import Server, ServerFailed
from bench.profile_options import LEAD_S, Options, parse_options
from bench.profile_report import Measured, render, render_relay
from bench.pyspy import ProfilerError, check_attach, finish, start_recording
from bench.seed import SeedMismatch
from bench.targets import Target, build_targets, openapi_routes, preflight
from bench.wrk_runner import WrkError, WrkResult, run_wrk, wrk_binary


def _log(message: str) -> None:
    print(f"[profile] {message}", file=sys.stderr, flush=True)


def _record_under_load(options: Options, target: Target, api: Server) -> WrkResult:
    """wrk for ``seconds``; meanwhile py-spy on the API (and its children with ``relay``)."""
    window, sampling = options.seconds - 2 * LEAD_S, options.sampling
    pids = [api.process.pid] + (descendants(api.process.pid) if options.relay else [])
    names = [target.name] + [f"{target.name}-relay-{pid}" for pid in pids[1:]]
    with ThreadPoolExecutor(max_workers=1) as pool:
        load_run = pool.submit(
            run_wrk, api.base_url, target.load, options.seconds, options.connections
        )
        time.sleep(LEAD_S)
        recordings = [
            start_recording(pid, options.output_dir / f"profile-{name}.collapsed", window, sampling)
            for pid, name in zip(pids, names, strict=True)
        ]
        for recording in recordings:
            finish(recording, window)
        return load_run.result()


def _measure(options: Options, target: Target, api: Server, database: DatabaseCpu) -> Measured:
    """The profiled load, with the CPU of the API process, of its children (the relay
    worker), of PostgreSQL and the schedule of its event-loop thread meanwhile."""
    before, scheduled = api.usage(), main_thread_schedule(api.process.pid)
    database_before = database.cpu_s()
    result = _record_under_load(options, target, api)
    after, schedule = api.usage(), main_thread_schedule(api.process.pid)
    database_after = database.cpu_s()
    if api.process.poll() is not None:
        raise ServerFailed(f"the API died during {target.name}:\n{api.log_tail()}")
    api_cpu = relay_cpu = 0.0
    if before is not None and after is not None:
        api_cpu = after.process_cpu_s - before.process_cpu_s
        relay_cpu = (after.cpu_s - after.process_cpu_s) - (before.cpu_s - before.process_cpu_s)
    if scheduled is not None and schedule is not None:
        waited = schedule.waiting_s - scheduled.waiting_s
        schedule = Schedule(schedule.on_cpu_s - scheduled.on_cpu_s, waited)
    return Measured(
        target=target.name,
        request=target.request,
        result=result,
        api_cpu_s=api_cpu,
        relay_cpu_s=relay_cpu,
        database_cpu_s=(
            None
            if database_before is None or database_after is None
            else database_after - database_before
        ),
        schedule=schedule,
        seconds=options.seconds - 2 * LEAD_S,
        rate=options.sampling.rate,
        raw_file=f"profile-{target.name}.collapsed",
    )


def profile_target(options: Options, target: Target, api: Server, database: DatabaseCpu) -> str:
    """Warm up, profile under load; the report, also written to ``profile-<target>.txt``."""
    if options.warmup >= 1:
        _log(f"warm-up {target.name} ({options.warmup:g} s)")
        run_wrk(api.base_url, target.load, options.warmup, options.connections)
    _log(f"profiling {target.name} for {options.seconds} s")
    measured = _measure(options, target, api, database)
    text = render(measured, load(options.output_dir / measured.raw_file), options.top)
    for relay_raw in sorted(options.output_dir.glob(f"profile-{target.name}-relay-*.collapsed")):
        text += "\n" + render_relay(target.name, load(relay_raw), options.top)
    (options.output_dir / f"profile-{target.name}.txt").write_text(text)
    return text


def _run(options: Options, work_dir: Path) -> int:
    config = parse_args(["--orders", str(options.orders), "--pool-size", str(options.pool_size)])
    options.output_dir.mkdir(parents=True, exist_ok=True)
    for stale in options.output_dir.glob("profile-*-relay-*.collapsed"):
        stale.unlink()
    with bench_database(work_dir) as urls, ExitStack() as stack:
        api = start_api(stack, urls, options.pool_size, work_dir)
        check_attach(api.process.pid)
        _log(f"py-spy attaches to the API (pid {api.process.pid}); seeding")
        prepared = prepare_data(config, urls, api, work_dir)
        client = HttpClient(api.base_url)
        routes = openapi_routes(client)
        database = DatabaseCpu.of(superuser_bench_dsn(urls))
        failed = 0
        for target in build_targets(prepared.fixture, []):
            if target.name not in options.targets:
                continue
            checked = preflight(client, target, prepared.fixture.first_id, routes)
            if checked.state != "ok":
                _log(f"{target.name}: preflight {checked.state} ({checked.detail}); skipped")
                failed += 1
                continue
            print(profile_target(options, target, api, database), flush=True)
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(argv)
    work_dir = Path(tempfile.mkdtemp(prefix="tenantry-profile-"))
    try:
        wrk_binary()
        return _run(options, work_dir)
    except (ProfilerError, ServerFailed, SetupFailed, SeedMismatch, WrkError, HttpFailure) as error:
        print(f"profile: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("profile: interrupted; the API and the database stopped", file=sys.stderr)
        return 130
    finally:
        _keep_log(work_dir / "api.log", options.output_dir / "profile-api.log")
        shutil.rmtree(work_dir, ignore_errors=True)


def _keep_log(log: Path, kept: Path) -> None:
    """The API's log next to the profiles (git-ignored), when there is one."""
    if log.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log, kept)
