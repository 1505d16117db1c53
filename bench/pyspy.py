"""py-spy (a dev dependency): can it attach here, and ``py-spy record`` of one process.

py-spy reads the target's memory with ``process_vm_readv`` and pauses it with ptrace for each
sample, so it needs the right to trace the process: root, or the same user with
``kernel.yama.ptrace_scope`` 0 (in a container: ``CAP_SYS_PTRACE``).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.processes import VENV_BIN

PY_SPY = VENV_BIN / "py-spy"
_HINT = (
    "py-spy needs the right to trace the process: run as root, or as the same user with "
    "kernel.yama.ptrace_scope=0 (a container needs CAP_SYS_PTRACE)"
)


class ProfilerError(RuntimeError):
    """py-spy is missing, cannot attach, or wrote no profile."""


@dataclass(frozen=True, slots=True)
class Sampling:
    rate: int
    """Samples per second."""
    native: bool
    """Also C, Cython and C++ frames (``--native``): slower, and needs symbols."""


@dataclass(slots=True)
class Recording:
    pid: int
    output: Path
    process: subprocess.Popen[bytes]
    log: Path


def check_attach(pid: int) -> None:
    """``py-spy dump`` of ``pid`` once; raises ``ProfilerError`` when it cannot attach."""
    if not PY_SPY.exists():
        raise ProfilerError(f"{PY_SPY} is missing: make install (py-spy is a dev dependency)")
    done = subprocess.run(
        [str(PY_SPY), "dump", "--pid", str(pid)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if done.returncode != 0:
        raise ProfilerError(f"py-spy dump --pid {pid} failed: {done.stderr.strip()}\n{_HINT}")


def start_recording(pid: int, output: Path, seconds: int, sampling: Sampling) -> Recording:
    """``py-spy record`` of ``pid`` alone (no subprocesses, idle stacks left out), collapsed
    stacks aggregated by function (``--function``), for ``seconds``."""
    command = [
        str(PY_SPY),
        "record",
        "--pid",
        str(pid),
        "--format",
        "raw",
        "--function",
        "--rate",
        str(sampling.rate),
        "--duration",
        str(seconds),
        "--output",
        str(output),
        *(["--native"] if sampling.native else []),
    ]
    output.unlink(missing_ok=True)
    log = output.with_suffix(".py-spy.log")
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    return Recording(pid, output, process, log)


def finish(recording: Recording, seconds: int) -> None:
    """Wait for the recording; raises ``ProfilerError`` when py-spy failed or wrote nothing."""
    try:
        code = recording.process.wait(timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        recording.process.kill()
        recording.process.wait()
        code = -1
    if code != 0 or not recording.output.exists():
        tail = recording.log.read_text(errors="replace")[-2000:]
        raise ProfilerError(f"py-spy record --pid {recording.pid} exited with {code}:\n{tail}")
