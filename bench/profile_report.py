"""The markdown a profile run prints and writes: what was measured, then the top functions by
own and by inclusive samples, and the share of each package."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bench.collapsed import ENTRY, GREENLET, NO_FRAME, THREAD, Profile
from bench.proc_tree import Schedule
from bench.wrk_runner import WrkResult


@dataclass(frozen=True, slots=True)
class Measured:
    """One profiled target: the load, the CPU it cost, where the profile is."""

    target: str
    request: str
    result: WrkResult
    api_cpu_s: float
    """CPU of the API process alone during the load."""
    relay_cpu_s: float
    """CPU of the API's children (the relay worker) during the load."""
    database_cpu_s: float | None
    """CPU of every PostgreSQL process during the load (None: not measured)."""
    schedule: Schedule | None
    """The API's main (event-loop) thread during the load."""
    seconds: int
    rate: int
    raw_file: str


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _per_request_ms(cpu_s: float, requests: int) -> str:
    return f"{1000 * max(0.0, cpu_s) / requests:.3f}" if requests else "-"


def _database_ms(measured: Measured) -> str:
    cpu_s = measured.database_cpu_s
    return "-" if cpu_s is None else _per_request_ms(cpu_s, measured.result.requests)


def header(measured: Measured, profile: Profile) -> list[str]:
    result, rate, seconds = measured.result, measured.rate, measured.seconds
    expected = rate * seconds
    busy = 100.0 * (profile.kinds[ENTRY] + profile.kinds[GREENLET]) / expected if expected else 0.0
    return [
        f"## Profile of `{measured.target}`: {measured.request}",
        "",
        f"- load (under the profiler): {result.rps:,.0f} req/s, p50 {result.p50_ms:.2f} ms, "
        f"p99 {result.p99_ms:.2f} ms; errors: {result.status_errors} status >= 400, "
        f"{result.socket_errors} socket (wrk's 2 s timeout included)",
        f"- CPU per request: API process {_per_request_ms(measured.api_cpu_s, result.requests)}"
        f" ms, its relay worker(s) {_per_request_ms(measured.relay_cpu_s, result.requests)} ms,"
        f" PostgreSQL {_database_ms(measured)} ms",
        f"- {profile.total:,} non-idle samples of the API process at {rate}/s over {seconds} s; "
        f"its event-loop thread was busy in ~{busy:.0f}% of the {expected:,} sampling points",
        *scheduled(measured),
        *kinds(profile),
        f"- collapsed stacks: `{measured.raw_file}`",
        "",
    ]


def scheduled(measured: Measured) -> list[str]:
    """How much of the load the event-loop thread ran, and waited for a CPU: py-spy counts a
    runnable thread that waits for a CPU as busy, where it was preempted (often a socket
    write that woke PostgreSQL)."""
    schedule, duration = measured.schedule, measured.result.duration_s
    if schedule is None or duration <= 0:
        return []
    on_cpu, waiting = 100 * schedule.on_cpu_s / duration, 100 * schedule.waiting_s / duration
    return [
        f"- event-loop thread (/proc schedstat): on a CPU {on_cpu:.0f}% of the load, runnable "
        f"but waiting for a CPU {waiting:.0f}% (py-spy counts both as busy)"
    ]


def kinds(profile: Profile) -> list[str]:
    """Where the samples' stacks start, and what was left out."""
    shares = ", ".join(
        f"{kind} {profile.share(profile.kinds[kind]):.1f}%"
        for kind in (ENTRY, GREENLET, THREAD, NO_FRAME)
        if profile.kinds[kind]
    )
    lines = [f"- samples by where the stack starts: {shares}"]
    if profile.waiting:
        lines.append(f"- left out: {profile.waiting:,} samples of idle thread-pool workers")
    return lines


def function_table(profile: Profile, top: int, by_inclusive: bool) -> list[str]:
    ranked = profile.inclusive if by_inclusive else profile.own
    title = "inclusive" if by_inclusive else "own (self)"
    spine = (profile.spine or set()) if by_inclusive else set()
    lines = [f"### Top {top} functions by {title} samples", ""]
    if spine:
        lines += [
            f"Left out: the {len(spine)} frames every sample of the event-loop thread runs "
            "through (process entry down to the loop).",
            "",
        ]
    lines += [
        "| function | % self | % inclusive |",
        "|---|---:|---:|",
    ]
    shown = [label for label, _ in ranked.most_common(top + len(spine)) if label not in spine]
    for label in shown[:top]:
        own, inclusive = profile.share(profile.own[label]), profile.share(profile.inclusive[label])
        lines.append(f"| `{_cell(label)}` | {own:.1f} | {inclusive:.1f} |")
    return lines + [""]


def package_table(profile: Profile, top: int) -> list[str]:
    lines = [
        "### Packages (own: innermost frame there; inclusive: anywhere on the stack)",
        "",
        "| package | % own | % inclusive |",
        "|---|---:|---:|",
    ]
    ranked: Counter[str] = profile.package_own + Counter()
    for package in profile.package_inclusive:
        ranked.setdefault(package, 0)
    for package, own in ranked.most_common(top):
        inclusive = profile.share(profile.package_inclusive[package])
        lines.append(f"| {_cell(package)} | {profile.share(own):.1f} | {inclusive:.1f} |")
    return lines + [""]


def render(measured: Measured, profile: Profile, top: int) -> str:
    return "\n".join(
        header(measured, profile)
        + package_table(profile, top)
        + function_table(profile, top, by_inclusive=False)
        + function_table(profile, top, by_inclusive=True)
    )


def render_relay(target: str, profile: Profile, top: int) -> str:
    """The relay worker's profile during the same load (``--relay``)."""
    lines = [f"## Relay worker during `{target}`: {profile.total:,} non-idle samples", ""]
    return "\n".join(
        lines
        + package_table(profile, top)
        + function_table(profile, top, by_inclusive=False)
        + function_table(profile, top, by_inclusive=True)
    )
