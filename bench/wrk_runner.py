"""Run wrk with bench/request.lua and parse the numbers its ``done()`` prints."""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

LUA_SCRIPT = Path(__file__).resolve().parent / "request.lua"
WRK_INSTALL_HINT = "wrk is missing: install it with  apt-get update && apt-get install -y wrk"
_MARKER = "BENCH_RESULT "


class WrkError(RuntimeError):
    """wrk could not run, or printed no result."""


@dataclass(frozen=True, slots=True)
class LoadRequest:
    """What wrk sends: ``{id}`` in ``path`` is replaced by a random line of ``ids_file``.

    ``body`` is one JSON body, or several separated by a newline (each request picks one at
    random); every ``{product}`` in it is replaced by a random line of ``products_file``,
    distinct within a request while the file has enough lines."""

    method: str
    path: str
    ids_file: Path | None = None
    token: str | None = None
    body: str | None = None
    idempotency_key: bool = False
    products_file: Path | None = None

    @property
    def bodies(self) -> list[str]:
        return self.body.split("\n") if self.body is not None else []


@dataclass(frozen=True, slots=True)
class WrkResult:
    requests: int
    duration_s: float
    socket_errors: int
    status_errors: int
    """Responses with a status of 400 or above (wrk's "Non-2xx or 3xx responses")."""
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s > 0 else 0.0

    @property
    def errors(self) -> int:
        return self.socket_errors + self.status_errors


def wrk_binary() -> str:
    found = shutil.which("wrk") or ("/usr/bin/wrk" if Path("/usr/bin/wrk").exists() else None)
    if found is None:
        raise WrkError(WRK_INSTALL_HINT)
    return found


def wrk_version() -> str:
    done = subprocess.run([wrk_binary(), "-v"], capture_output=True, text=True, check=False)
    first = (done.stdout or done.stderr).strip().splitlines()
    return first[0].split(" Copyright")[0].strip() if first else "unknown"


def _command(base_url: str, load: LoadRequest, seconds: float, connections: int) -> list[str]:
    return [
        wrk_binary(),
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "-s",
        str(LUA_SCRIPT),
        base_url,
        "--",
        load.method,
        load.path,
        str(load.ids_file) if load.ids_file else "-",
        load.token or "-",
        load.body or "-",
        uuid.uuid4().hex,
        "1" if load.idempotency_key else "0",
        str(load.products_file) if load.products_file else "-",
    ]


def parse_output(stdout: str) -> WrkResult:
    """The result from wrk's output; raises ``WrkError`` when the marker line is missing."""
    for line in stdout.splitlines():
        if line.startswith(_MARKER):
            data = json.loads(line[len(_MARKER) :])
            return WrkResult(
                requests=int(data["requests"]),
                duration_s=data["duration_us"] / 1e6,
                socket_errors=sum(int(data[k]) for k in ("connect", "read", "write", "timeout")),
                status_errors=int(data["status"]),
                p50_ms=data["p50_us"] / 1000,
                p90_ms=data["p90_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                max_ms=data["max_us"] / 1000,
                mean_ms=data["mean_us"] / 1000,
            )
    raise WrkError(f"wrk printed no {_MARKER.strip()} line:\n{stdout[-2000:]}")


def run_wrk(base_url: str, load: LoadRequest, seconds: float, connections: int) -> WrkResult:
    """One wrk run (``-t1 -c<connections> -d<seconds>s --latency``)."""
    command = _command(base_url, load, seconds, connections)
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=seconds + 60
    )
    if done.returncode != 0:
        raise WrkError(f"wrk exited with {done.returncode}: {done.stderr.strip()[-2000:]}")
    return parse_output(done.stdout)
