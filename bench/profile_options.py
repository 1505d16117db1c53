"""The profiler's command line (``bench/profile.py --help``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.config import API_TARGETS, RESULTS_DIR
from bench.pyspy import Sampling

DESCRIPTION = """Profile the API under the benchmark's load: the same set-up as bench/run.py
(throw-away PostgreSQL, tenantry serve, two seeded tenants, the same wrk load per target)
without the raw baseline; for each target a warm-up, then py-spy record of the API process
while wrk runs, and the CPU per request of the API, its relay worker(s) and PostgreSQL. See
bench/README.md."""
LEAD_S = 1
"""The recording starts this long after the load and ends as long before it stops."""


@dataclass(frozen=True, slots=True)
class Options:
    targets: tuple[str, ...]
    seconds: int
    warmup: float
    connections: int
    orders: int
    pool_size: int
    sampling: Sampling
    relay: bool
    top: int
    output_dir: Path


def parse_options(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(prog="bench/profile.py", description=DESCRIPTION)
    add = parser.add_argument
    add("--targets", default="api-get,api-list,api-create", help="comma-separated API targets")
    add("--seconds", type=int, default=15, help="load per target, profiled but its edges (15)")
    add("--warmup", type=float, default=3.0, help="warm-up per target; 0 skips (3)")
    add("--connections", type=int, default=16, help="wrk connections, one thread (16)")
    add("--orders", type=int, default=10_000, help="orders seeded per tenant (10000)")
    add("--pool-size", type=int, default=10, help="DB pool size of the API (10)")
    add("--rate", type=int, default=250, help="py-spy samples per second (250)")
    add("--native", action="store_true", help="py-spy --native: C/Cython frames too (off)")
    add("--relay", action="store_true", help="also profile the relay worker(s) (off)")
    add("--top", type=int, default=25, help="rows per table (25)")
    add("--output-dir", type=Path, default=RESULTS_DIR, help="where profile-<target>.* go")
    args = parser.parse_args(argv)
    targets = tuple(name.strip() for name in args.targets.split(",") if name.strip())
    unknown = [name for name in targets if name not in API_TARGETS]
    if unknown or not targets:
        parser.error(f"--targets: choose from {','.join(API_TARGETS)}; got {args.targets!r}")
    if args.seconds < 2 * LEAD_S + 1 or args.rate < 1 or args.top < 1:
        parser.error(f"--seconds must be >= {2 * LEAD_S + 1}; --rate and --top >= 1")
    return Options(
        targets=targets,
        seconds=args.seconds,
        warmup=max(0.0, args.warmup),
        connections=args.connections,
        orders=args.orders,
        pool_size=args.pool_size,
        sampling=Sampling(args.rate, args.native),
        relay=args.relay,
        top=args.top,
        output_dir=args.output_dir,
    )
