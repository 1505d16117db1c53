"""A login flood next to a normal read: ``.venv/bin/python bench/login_flood.py``.

The read (``GET /api/v1/orders/{id}``, a few connections: a user going about their work) is
measured quiet and while a second wrk floods ``POST /api/v1/auth/token`` with wrong
passwords for ever new e-mails, so every flood request that gets past the limits costs a
full argon2id hash (production cost). Three set-ups, on one database:

- ``one client``: as shipped; the flood comes from one address (the per-client limit).
- ``many clients, bounded``: the per-client limit lifted, as for a flood from many
  addresses; the per-process hashing bound (``HASH_CONCURRENCY``/``HASH_QUEUE``) is what holds.
- ``many clients, unbounded``: the same without a useful bound, as before issue 9.

Prints a markdown table and writes ``bench/results/login_flood.json``.
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT / "src", ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from bench.config import RESULTS_DIR, parse_args  # noqa: E402
from bench.environment import bench_database, prepare_data, start_api  # noqa: E402
from bench.wrk_runner import LoadRequest, WrkResult, run_wrk, wrk_binary  # noqa: E402

FLOOD_LUA = Path(__file__).resolve().parent / "login_flood.lua"
PRODUCTION_ARGON2 = {"ARGON2_TIME_COST": "3", "ARGON2_MEMORY_KIB": "65536"}
LIFTED = {"RATE_LIMIT_LOGIN": "1000000/60"}
SETUPS: dict[str, dict[str, str]] = {
    "one client (as shipped)": {},
    "many clients, bounded hashing (as shipped)": LIFTED,
    "many clients, two hashes at a time": {**LIFTED, "HASH_CONCURRENCY": "2"},
    "many clients, unbounded hashing (before)": {
        **LIFTED,
        "HASH_CONCURRENCY": "64",
        "HASH_QUEUE": "10000",
    },
}


def _log(message: str) -> None:
    print(f"[flood] {message}", file=sys.stderr, flush=True)


def _flood(base_url: str, seconds: float, connections: int) -> subprocess.Popen[str]:
    command = [wrk_binary(), "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    command += ["--latency", "-s", str(FLOOD_LUA), base_url, "--", uuid.uuid4().hex[:12]]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _flood_result(process: subprocess.Popen[str]) -> dict[str, Any]:
    out, err = process.communicate(timeout=120)
    for line in out.splitlines():
        if line.startswith("FLOOD_RESULT "):
            data: dict[str, Any] = json.loads(line[len("FLOOD_RESULT ") :])
            return data
    raise RuntimeError(f"the flood printed no result: {out[-500:]} {err[-500:]}")


def _measure(base_url: str, read: LoadRequest, args: argparse.Namespace) -> dict[str, Any]:
    quiet: list[WrkResult] = []
    flooded: list[WrkResult] = []
    floods: list[dict[str, Any]] = []
    for _ in range(args.rounds):
        quiet.append(run_wrk(base_url, read, args.seconds, args.read_connections))
        time.sleep(1)
        flood = _flood(base_url, args.seconds + 4, args.flood_connections)
        time.sleep(2)  # the flood is in full swing before the read starts
        flooded.append(run_wrk(base_url, read, args.seconds, args.read_connections))
        floods.append(_flood_result(flood))
        time.sleep(2)
    return {"quiet": quiet, "flooded": flooded, "floods": floods}


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _row(name: str, measured: dict[str, Any]) -> dict[str, Any]:
    quiet, flooded, floods = measured["quiet"], measured["flooded"], measured["floods"]
    statuses: dict[str, int] = {}
    for flood in floods:
        for status, count in flood["statuses"].items():
            statuses[status] = statuses.get(status, 0) + count
    return {
        "setup": name,
        "read_p50_quiet_ms": _median([r.p50_ms for r in quiet]),
        "read_p99_quiet_ms": _median([r.p99_ms for r in quiet]),
        "read_p50_flood_ms": _median([r.p50_ms for r in flooded]),
        "read_p99_flood_ms": _median([r.p99_ms for r in flooded]),
        "read_rps_quiet": _median([r.rps for r in quiet]),
        "read_rps_flood": _median([r.rps for r in flooded]),
        "read_errors": sum(r.errors for r in quiet + flooded),
        "flood_rps": _median([f["requests"] / (f["duration_us"] / 1e6) for f in floods]),
        "flood_p50_ms": _median([f["p50_us"] / 1000 for f in floods]),
        "flood_statuses": statuses,
    }


def _render(rows: list[dict[str, Any]], args: argparse.Namespace) -> str:
    lines = [
        f"Read: GET /api/v1/orders/{{id}}, {args.read_connections} connections; flood: "
        f"{args.flood_connections} connections of wrong logins; {args.rounds} round(s) of "
        f"{args.seconds:g} s, medians.",
        "",
        "| setup | read p50 / p99 quiet (ms) | read p50 / p99 in the flood (ms) | read req/s "
        "quiet / flood | flood req/s | flood answers |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        answers = ", ".join(f"{s}: {n}" for s, n in sorted(r["flood_statuses"].items()))
        lines.append(
            f"| {r['setup']} | {r['read_p50_quiet_ms']:.1f} / {r['read_p99_quiet_ms']:.1f} | "
            f"{r['read_p50_flood_ms']:.1f} / {r['read_p99_flood_ms']:.1f} | "
            f"{r['read_rps_quiet']:,.0f} / {r['read_rps_flood']:,.0f} | "
            f"{r['flood_rps']:,.0f} | {answers} |"
        )
    return "\n".join(lines)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/login_flood.py", description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--read-connections", type=int, default=4)
    parser.add_argument("--flood-connections", type=int, default=32)
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument(
        "--setups", type=lambda raw: raw.split(","), default=list(SETUPS), help="a subset, by name"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    config = parse_args(["--orders", str(args.orders)])
    work_dir = Path(tempfile.mkdtemp(prefix="tenantry-flood-"))
    secret = {"JWT_SECRET": secrets.token_urlsafe(48), "RELAY_WORKERS": "0"}
    rows = []
    try:
        with bench_database(work_dir) as urls:
            with ExitStack() as stack:
                api = start_api(stack, urls, config.pool_size, work_dir, **secret)
                fixture = prepare_data(config, urls, api, work_dir).fixture
            read = LoadRequest("GET", "/api/v1/orders/{id}", fixture.ids_file, fixture.token)
            for name, settings in ((n, SETUPS[n]) for n in args.setups):
                _log(f"{name}: starting the API")
                with ExitStack() as stack:
                    env = {**secret, **PRODUCTION_ARGON2, **settings}
                    api = start_api(stack, urls, config.pool_size, work_dir, **env)
                    rows.append(_row(name, _measure(api.base_url, read, args)))
                _log(f"{name}: {rows[-1]}")
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "login_flood.json").write_text(json.dumps(rows, indent=2))
    print(_render(rows, args), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
