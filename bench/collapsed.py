"""Collapsed stacks (py-spy's ``--format raw``): samples per function, own and inclusive.

A line is ``frame;frame;...;frame count``, outermost frame first; with ``--function`` a frame
is ``qualified.name (package/path.py:first_line)``. A function's own (self) samples are those
where it is the innermost Python frame: without ``--native`` that includes the C code it
called (a Cython driver, a C encoder, the event loop's own C). Its inclusive samples are those
where it is anywhere on the stack, counted once per sample however deep it recurses.

Where a sample's stack starts says what ran (``Profile.kinds``): the thread's entry (the
process's ``<module>``: the event loop and the coroutines it runs), another thread, or a
greenlet: SQLAlchemy's asyncio layer runs the ORM and Core (sync code) in greenlets, and py-spy
sees a greenlet's frames without the coroutine that switched to it, so those stacks start at
``Session.execute``, ``Session.flush``... A thread-pool worker waiting on its queue is not
seen as idle by py-spy: those samples are left out (``Profile.waiting``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

_FRAME = re.compile(r"^(?P<name>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
_OUR_LAYERS = ("domain", "application", "infrastructure", "interface")
_PATH_MARKERS = ("/site-packages/", "/src/", "/lib/python3")
_ENTRIES = ("<module> ", "_run_module_as_main ")
_THREADS = ("Thread._bootstrap ",)
_WAITING = "_worker (concurrent/futures/thread.py"
NO_FRAME = "(no Python frame)"
ENTRY, THREAD, GREENLET = "event-loop thread", "other threads", "greenlet (SQLAlchemy sync side)"


@dataclass(slots=True)
class Profile:
    total: int = 0
    own: Counter[str] = field(default_factory=Counter)
    inclusive: Counter[str] = field(default_factory=Counter)
    package_own: Counter[str] = field(default_factory=Counter)
    package_inclusive: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    """Samples by where their stack starts (``ENTRY``, ``THREAD``, ``GREENLET``, ``NO_FRAME``)."""
    spine: set[str] | None = None
    """The frames every sample of the entry thread runs through (process entry down to the
    event loop): on top of every inclusive ranking, so left out of it."""
    waiting: int = 0
    """Samples of thread-pool workers waiting for work, left out of everything else."""

    def share(self, samples: int) -> float:
        return 100.0 * samples / self.total if self.total else 0.0


def short_path(path: str) -> str:
    """``.../site-packages/sqlalchemy/orm/session.py`` -> ``sqlalchemy/orm/session.py``;
    ``.../src/interface/x.py`` -> ``interface/x.py`` (py-spy mostly shortens already)."""
    for marker in _PATH_MARKERS:
        at = path.rfind(marker)
        if at >= 0:
            rest = path[at + len(marker) :]
            return rest.split("/", 1)[1] if marker == "/lib/python3" and "/" in rest else rest
    return path


def frame_label(frame: str) -> str:
    """``name (short/path.py:line)``: the function and where it starts."""
    match = _FRAME.match(frame)
    if match is None:
        return frame
    where = short_path(match["file"])
    return (
        f"{match['name']} ({where}:{match['line']})"
        if match["line"]
        else f"{match['name']} ({where})"
    )


def package_of(frame: str) -> str:
    """The top-level package of a frame's file (``sqlalchemy``, ``asyncio``, ...); the
    project's own layers as ``src/<layer>``; ``?`` for a frame without a file."""
    if frame == NO_FRAME:
        return NO_FRAME
    match = _FRAME.match(frame)
    if match is None or not match["file"]:
        return "?"
    first = short_path(match["file"]).lstrip("/").split("/", 1)[0]
    first = first.removesuffix(".py")
    return f"src/{first}" if first in _OUR_LAYERS else first


def _kind(labels: list[str]) -> str:
    """Where the stack starts; with ``--native`` the interpreter's own C frames come first."""
    if labels == [NO_FRAME]:
        return NO_FRAME
    if any(label.startswith(_ENTRIES) for label in labels):
        return ENTRY
    return THREAD if any(label.startswith(_THREADS) for label in labels) else GREENLET


def _add(profile: Profile, frames: list[str], count: int) -> None:
    labels = [frame_label(frame) for frame in frames]
    if labels[-1].startswith(_WAITING):
        profile.waiting += count
        return
    packages = [package_of(frame) for frame in frames]
    kind = _kind(labels)
    if kind == ENTRY:
        seen = set(labels)
        profile.spine = seen if profile.spine is None else profile.spine & seen
    profile.kinds[kind] += count
    profile.total += count
    profile.own[labels[-1]] += count
    profile.package_own[packages[-1]] += count
    for label in set(labels):
        profile.inclusive[label] += count
    for package in set(packages):
        profile.package_inclusive[package] += count


def parse(text: str) -> Profile:
    """The profile of a collapsed-stacks text; lines that do not parse are skipped."""
    profile = Profile()
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if count.isdigit():
            _add(profile, stack.split(";") if stack.strip() else [NO_FRAME], int(count))
    return profile


def load(path: Path) -> Profile:
    return parse(path.read_text(errors="replace"))
