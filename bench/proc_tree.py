"""CPU and memory of a server's process tree, from Linux ``/proc``.

A server is the process the benchmark starts and every process below it: granian runs its
worker as a child of the process started, ``tenantry serve`` runs its relay workers as
children. CPU counts user + system time of every live process in the tree plus the time of
children they have already reaped (``cutime``/``cstime``), so a child that exits between two
samples does not make the difference negative.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_PROC = Path("/proc")
_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Stat:
    pid: int
    ppid: int
    own_ticks: int
    """utime + stime (every thread of the process)."""
    reaped_ticks: int
    """cutime + cstime (children it has waited for)."""
    rss_pages: int


@dataclass(frozen=True, slots=True)
class TreeUsage:
    cpu_s: float
    """User + system CPU of the whole tree so far, reaped children included."""
    process_cpu_s: float
    """User + system CPU of the started process alone."""
    rss_mib: float
    """Resident memory of the largest process in the tree (the worker)."""
    tree_rss_mib: float
    """Resident memory of all processes in the tree together."""
    processes: int


def _read_stat(pid: int) -> _Stat | None:
    try:
        text = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None  # gone meanwhile
    # Fields after "(comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17) ... rss(24)
    fields = text.rsplit(")", 1)[1].split()
    return _Stat(
        pid=pid,
        ppid=int(fields[1]),
        own_ticks=int(fields[11]) + int(fields[12]),
        reaped_ticks=int(fields[13]) + int(fields[14]),
        rss_pages=int(fields[21]),
    )


def _all_stats() -> list[_Stat]:
    stats = (_read_stat(int(entry.name)) for entry in _PROC.iterdir() if entry.name.isdigit())
    return [stat for stat in stats if stat is not None]


def _tree(root: int, stats: list[_Stat]) -> list[_Stat]:
    children: dict[int, list[_Stat]] = {}
    for stat in stats:
        children.setdefault(stat.ppid, []).append(stat)
    found = [stat for stat in stats if stat.pid == root]
    for stat in found:  # grows while iterating: breadth-first over the descendants
        found.extend(children.get(stat.pid, []))
    return found


def parent_of(pid: int) -> int | None:
    """The parent of ``pid``, or None when it is gone (or no /proc)."""
    stat = _read_stat(pid)
    return None if stat is None else stat.ppid


def descendants(root: int) -> list[int]:
    """The pids below ``root`` (children, grandchildren, ...), empty when none or no /proc."""
    try:
        return [stat.pid for stat in _tree(root, _all_stats())[1:]]
    except OSError:
        return []


def tree_usage(root: int) -> TreeUsage | None:
    """The usage of ``root`` and its descendants, or None when ``root`` is gone (or no /proc)."""
    try:
        tree = _tree(root, _all_stats())
    except OSError:
        return None
    if not tree:
        return None
    tick, page = os.sysconf("SC_CLK_TCK"), os.sysconf("SC_PAGE_SIZE")
    return TreeUsage(
        cpu_s=sum(s.own_ticks + s.reaped_ticks for s in tree) / tick,
        process_cpu_s=tree[0].own_ticks / tick,
        rss_mib=max(s.rss_pages for s in tree) * page / _MIB,
        tree_rss_mib=sum(s.rss_pages for s in tree) * page / _MIB,
        processes=len(tree),
    )


@dataclass(frozen=True, slots=True)
class Schedule:
    """A thread's time so far from ``/proc/<pid>/task/<tid>/schedstat`` (nanoseconds there)."""

    on_cpu_s: float
    waiting_s: float
    """Runnable but waiting for a CPU (preempted, or woken and not yet run)."""


def main_thread_schedule(pid: int) -> Schedule | None:
    """The schedule of ``pid``'s main thread, or None when gone (or no schedstat)."""
    try:
        fields = (_PROC / str(pid) / "task" / str(pid) / "schedstat").read_text().split()
    except OSError:
        return None
    return Schedule(on_cpu_s=int(fields[0]) / 1e9, waiting_s=int(fields[1]) / 1e9)
