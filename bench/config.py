"""Command-line options of ``bench/run.py``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.seed import PRODUCTS
from bench.stacks import STACK_NAMES

RESULTS_DIR = Path(__file__).resolve().parent / "results"
FLOOR_TARGETS = ("floor-get", "floor-list", "floor-create")
"""The floors (``bench/floor_app.py``): what the API's reads and its paid order must do."""
API_TARGETS = (
    "api-health",
    "api-get",
    "floor-get",
    "api-list",
    "floor-list",
    "api-create",
    "floor-create",
    "api-create-hot",
)


@dataclass(frozen=True, slots=True)
class Config:
    seconds: float
    warmup: float
    rounds: int
    connections: int
    pause: float
    orders: int
    pool_size: int
    products: int
    """Products seeded per tenant; ``api-create`` orders random ones of tenant A's."""
    lock_sample_ms: float
    """Interval of the lock-wait sampler (``bench/lock_waits.py``); 0 turns it off."""
    targets: tuple[str, ...]
    """The API's targets to measure; the raw baseline always runs, on every stack in ``stacks``."""
    stacks: tuple[str, ...]
    seed: int
    output: Path
    citus: bool = False
    """Run on a three-node Citus cluster on loopback (``tests/citus``) instead of one server."""
    api_venv: Path | None = None
    """Serve the API with this venv's ``tenantry`` instead of the project's ``.venv``: a
    runtime-only install (no development tools) measures what production runs."""


def _names(raw: str, choices: tuple[str, ...], also: tuple[str, ...] = ()) -> tuple[str, ...]:
    names = tuple(name.strip() for name in raw.split(",") if name.strip())
    unknown = [name for name in names if name not in choices + also]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(choices)}; got {raw!r}")
    return tuple(name for name in names if name in choices)


def _targets(raw: str) -> tuple[str, ...]:
    # "raw" is accepted (older command lines name it) and means nothing: it always runs.
    return _names(raw, API_TARGETS, also=("raw",))


def _stacks(raw: str) -> tuple[str, ...]:
    return _names(raw, STACK_NAMES)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description="Load-test the API against a raw asyncpg baseline (see bench/README.md).",
    )
    add = parser.add_argument
    add("--seconds", type=float, default=10.0, help="duration of each measured run (10)")
    add("--warmup", type=float, default=3.0, help="warm-up per target before round 1; 0 skips (3)")
    add("--rounds", type=int, default=4, help="interleaved rounds; medians are reported (4)")
    add("--connections", type=int, default=16, help="wrk connections, one thread (16)")
    add("--pause", type=float, default=1.0, help="seconds of rest between runs (1)")
    add("--orders", type=int, default=10_000, help="orders seeded per tenant (10000)")
    add("--pool-size", type=int, default=10, help="DB pool size of every server (10)")
    add("--products", type=int, default=PRODUCTS, help=f"products per tenant ({PRODUCTS})")
    add(
        "--lock-sample-ms",
        type=float,
        default=10.0,
        help="poll pg_stat_activity for lock waits every N ms during each run; 0: off (10)",
    )
    add(
        "--targets",
        type=_targets,
        default=API_TARGETS,
        help=f"API targets, a subset of {','.join(API_TARGETS)} (all); raw always runs",
    )
    add(
        "--stacks",
        type=_stacks,
        default=STACK_NAMES,
        help=f"HTTP stacks of the raw baseline, a subset of {','.join(STACK_NAMES)} (all)",
    )
    add("--seed", type=int, default=42, help="random seed of the generated data (42)")
    add("--output", type=Path, default=RESULTS_DIR / "latest.json", help="JSON results file")
    add("--citus", action="store_true", help="on a 3-node Citus cluster (CITUS_KIT; off)")
    add(
        "--api-venv",
        type=Path,
        help="serve the API from this venv (e.g. a runtime-only install; bench/README.md)",
    )
    return parser


def parse_args(argv: Sequence[str] | None = None) -> Config:
    args = _parser().parse_args(argv)
    counts = (args.seconds, args.rounds, args.connections, args.orders, args.products)
    if min(counts) < 1:
        raise SystemExit(
            "bench/run.py: --seconds, --rounds, --connections, --orders, --products must be >= 1"
        )
    return Config(
        seconds=args.seconds,
        warmup=max(0.0, args.warmup),
        rounds=args.rounds,
        connections=args.connections,
        pause=max(0.0, args.pause),
        orders=args.orders,
        pool_size=args.pool_size,
        products=args.products,
        lock_sample_ms=max(0.0, args.lock_sample_ms),
        targets=args.targets,
        stacks=args.stacks,
        seed=args.seed,
        output=args.output,
        citus=args.citus,
        api_venv=args.api_venv,
    )
