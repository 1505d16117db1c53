"""The HTTP server of ``tenantry serve``: uvicorn on uvloop and httptools (chosen by
measurement: ``docs/performance.md``, "The HTTP server"), in this process or in ``WORKERS``
processes sharing the port.

uvicorn closes idle keep-alive connections, but it gives a client all the time it wants to
send a request head: a connection that sends nothing, half a request or a byte a second
stays open. ``BoundedProtocol`` closes it ``HEADER_TIMEOUT_SECONDS`` after it opened or
after its request began. It also bounds the open connections of each worker
(``MAX_CONNECTIONS``): a request on a connection beyond them is answered 503 with a problem
document, without running the app, and that connection is closed.
"""

from __future__ import annotations

import asyncio
import signal
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState
from uvicorn.supervisors import Multiprocess

from infrastructure.settings import Settings
from interface.http.overload import overloaded

WORKER_APP = "interface.cli.http_worker:worker_app"
"""What each of several workers loads (a factory reading the environment ``serve`` set)."""


class ServerConfig(uvicorn.Config):
    """uvicorn's configuration, the header deadline and the connection limit (copied into
    each worker)."""

    def __init__(
        self, app: Any, *, header_timeout: float, max_connections: int, **options: Any
    ) -> None:
        super().__init__(app, **options)
        self.header_timeout = header_timeout
        self.max_connections = max_connections


class BoundedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing a connection whose request head is late, and
    refusing requests on connections beyond the limit."""

    def __init__(
        self,
        config: uvicorn.Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self._timeout = float(getattr(config, "header_timeout", 10))
        self._limit = int(getattr(config, "max_connections", 1000))
        self._deadline: asyncio.TimerHandle | None = None
        self._app = self.app

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()  # a request on a kept-alive connection: its head is due in time too

    def on_headers_complete(self) -> None:
        self._disarm()
        if len(self.connections) <= self._limit and len(self.tasks) < self._limit:
            super().on_headers_complete()
            return
        self.app = overloaded  # this request only: the next one may fit again
        try:
            super().on_headers_complete()
        finally:
            self.app = self._app

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self._timeout, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        self.transport.close()


class Supervisor(Multiprocess):
    """uvicorn's supervisor of several workers, which it starts with SIGINT ignored: a
    terminal's Ctrl-C reaches the whole process group, and a worker still importing the app
    would die of it with a traceback (and be restarted). Each worker takes SIGINT again once
    it serves; the supervisor keeps one that comes meanwhile pending (blocked, not lost),
    and on it stops the workers with SIGTERM."""

    def init_processes(self) -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN)  # what the workers inherit
        try:
            super().init_processes()
        finally:
            signal.signal(signal.SIGINT, handler)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def server_config(app: Any, settings: Settings, **overrides: Any) -> ServerConfig:
    """The configuration ``serve`` runs ``app`` (an app, or an import string) with."""
    server = settings.server
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "loop": "uvloop",
        "http": BoundedProtocol,
        "ws": "none",
        "lifespan": "on",
        "log_level": settings.log_level.lower(),
        # The client address is the socket's; only TRUSTED_PROXIES may name another
        # (interface/http/client_origin.py). uvicorn's default believes 127.0.0.1.
        "proxy_headers": False,
        "log_config": None,  # one format for all: infrastructure/observability/logs.py
        "access_log": False,  # the app logs each request itself, with its context
        "server_header": False,
        "timeout_keep_alive": server.keep_alive_seconds,
        "timeout_graceful_shutdown": server.shutdown_timeout_seconds,
        **overrides,
    }
    return ServerConfig(
        app,
        header_timeout=server.header_timeout_seconds,
        max_connections=server.max_connections,
        **options,
    )


def run_http(app: Any, settings: Settings) -> None:
    """Serve until SIGINT or SIGTERM, then drain: ``app`` in this process, or (with
    ``WORKERS`` > 1) ``WORKER_APP`` in that many processes, which read the environment."""
    workers = settings.server.workers
    if workers == 1:
        uvicorn.Server(server_config(app, settings)).run()
        return
    config = server_config(WORKER_APP, settings, factory=True, workers=workers)
    Supervisor(config, sockets=[config.bind_socket()]).run()
