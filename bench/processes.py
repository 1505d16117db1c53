"""Server subprocesses: start on a free port, wait until ready, measure CPU and memory, stop."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bench.http_client import HttpClient, HttpFailure
from bench.proc_tree import TreeUsage, descendants, tree_usage

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"


class ServerFailed(RuntimeError):
    """A server did not become ready; the message ends with the tail of its log."""


@dataclass(slots=True)
class Server:
    name: str
    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def usage(self) -> TreeUsage | None:
        """CPU and memory of the server's process tree so far (Linux /proc), or None."""
        return tree_usage(self.process.pid)


def venv_python() -> str:
    venv_python = VENV_BIN / "python"
    return str(venv_python) if venv_python.exists() else "python3"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(
    name: str, command: list[str], env: Mapping[str, str], port: int, log_dir: Path
) -> Server:
    """Start ``command`` with its output in ``log_dir/<name>.log``."""
    log_path = log_dir / f"{name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=dict(env), stdout=log, stderr=subprocess.STDOUT
        )
    return Server(name, process, f"http://127.0.0.1:{port}", log_path)


def wait_ready(server: Server, path: str, timeout: float = 90.0) -> None:
    """Poll ``GET path`` until it answers 200; raise ``ServerFailed`` on exit or timeout."""
    deadline = time.monotonic() + timeout
    client = HttpClient(server.base_url, timeout=5.0)
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerFailed(
                f"{server.name} exited with {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            if client.get(path).status == 200:
                return
        except HttpFailure:
            pass
        time.sleep(0.2)
    raise ServerFailed(f"{server.name} not ready after {timeout:.0f} s:\n{server.log_tail()}")


def stop_server(server: Server, timeout: float = 15.0) -> None:
    """SIGINT (a clean shutdown, which stops the server's own children), then SIGKILL after
    ``timeout`` to the process and to the children it had when asked to stop."""
    process = server.process
    if process.poll() is not None:
        return
    children = descendants(process.pid)
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
