"""Server subprocesses: start on a free port, wait until ready, measure CPU, stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bench.http_client import HttpClient, HttpFailure

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

    def cpu_seconds(self) -> float | None:
        """User + system CPU of the server process so far (Linux /proc), or None."""
        try:
            stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        except OSError:
            return None
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
    """SIGINT (a clean shutdown), then SIGKILL after ``timeout``; only this process."""
    process = server.process
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
