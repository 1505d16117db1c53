"""The HTTP server of ``tenantry serve``: uvicorn on uvloop and httptools (chosen by
measurement: ``docs/performance-history.md``, "The HTTP server") with the bounds of
``interface/cli/http_protocol.py``, in this process or in ``WORKERS`` processes sharing the
port (``interface/cli/supervisor.py``)."""

from __future__ import annotations

import logging
import resource
from typing import Any

import uvicorn

from infrastructure.settings import Settings
from infrastructure.settings_server import ServerSettings
from interface.cli.http_protocol import BoundedProtocol
from interface.cli.supervisor import Supervisor

WORKER_APP = "interface.cli.http_worker:worker_app"
"""What each of several workers loads (a factory reading the environment ``serve`` set)."""
_FILES_BESIDE_CONNECTIONS = 128
"""Descriptors a worker needs besides its clients: database connections, logs, modules."""
_logger = logging.getLogger("tenantry.server")


class ServerConfig(uvicorn.Config):
    """uvicorn's configuration and the server's bounds (copied into each worker)."""

    def __init__(self, app: Any, *, bounds: ServerSettings, **options: Any) -> None:
        super().__init__(app, **options)
        self.bounds = bounds


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
    return ServerConfig(app, bounds=server, **options)


def run_http(app: Any, settings: Settings) -> bool:
    """Serve until SIGINT, SIGTERM or SIGHUP, then drain: ``app`` in this process, or (with
    ``WORKERS`` > 1) ``WORKER_APP`` in that many processes, which read the environment.
    False when the API (or one of its workers) failed to start."""
    _allow_connections(settings.server.max_connections)
    try:
        return _run(app, settings)
    except SystemExit:  # uvicorn's way to fail at startup (a taken port, say), logged
        return False


def _run(app: Any, settings: Settings) -> bool:
    workers = settings.server.workers
    if workers == 1:
        server = uvicorn.Server(server_config(app, settings))
        server.run()
        return server.started
    config = server_config(WORKER_APP, settings, factory=True, workers=workers)
    supervisor = Supervisor(config, sockets=[config.bind_socket()])
    supervisor.run()
    return not supervisor.a_worker_failed_to_start


def _allow_connections(max_connections: int) -> None:
    """Raise the open-files limit as far as allowed (workers inherit it); warn when it is
    still too low for ``MAX_CONNECTIONS``: past it, connections are reset, not refused."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        soft = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 20)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    needed = max_connections + _FILES_BESIDE_CONNECTIONS
    if soft != resource.RLIM_INFINITY and soft < needed:
        _logger.warning(
            "the open-files limit (%d) is below MAX_CONNECTIONS + %d (%d): raise it "
            "(ulimit -n, LimitNOFILE=) or lower MAX_CONNECTIONS",
            soft,
            _FILES_BESIDE_CONNECTIONS,
            needed,
        )
