"""``tenantry serve``: database up, migrated, role checked, then the API until Ctrl-C or
SIGTERM.

uvicorn shuts down gracefully on either signal and then raises it again under the handler
that was installed before it started; for SIGTERM that is the default one, which ends the
process on the spot, before the embedded PostgreSQL could be stopped. So for the whole of
``serve`` SIGTERM raises ``Stopped`` instead, like Ctrl-C raises ``KeyboardInterrupt``: the
stack unwinds through ``running_database``, which stops the server, whether the signal
comes while the API serves or while it is still starting.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from infrastructure.env_values import SettingsError
from infrastructure.settings import Settings
from interface.cli.demo import demo_login_hint
from interface.cli.relay_processes import relay_workers
from interface.composition.app import create_app
from interface.composition.database import (
    Database,
    migrate,
    running_database,
    runtime_role_problem,
)
from interface.composition.signing import with_signing_secret
from interface.composition.wiring import MissingProvider


class Stopped(Exception):
    """SIGTERM arrived."""


@contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """Within the block, SIGTERM raises ``Stopped`` in the main thread; a repeated SIGTERM
    is ignored, so it cannot cut the database's shutdown short."""

    def stop(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Stopped()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(settings: Settings, run_server: Callable[..., Any]) -> int:
    """Serve until Ctrl-C or SIGTERM; the embedded database is stopped cleanly afterwards,
    also when the signal comes during startup."""
    with sigterm_unwinds():
        try:
            code = _serve(settings, run_server)
        except (Stopped, KeyboardInterrupt):
            print("Stopped before the API was serving.", flush=True)
            code = 0
    if settings.uses_embedded_database:
        print(f"The embedded PostgreSQL has stopped; its data stays in {settings.data_dir}.")
    return code


def _serve(settings: Settings, run_server: Callable[..., Any]) -> int:
    # Before the database starts: no usable secret stops here. The relay workers get the
    # same secret (the development one too), so they sign and verify with the same keys.
    settings = with_signing_secret(settings)
    with running_database(settings) as database:
        database = migrate(database)
        problem = runtime_role_problem(database.settings)
        if problem is not None:
            print(f"tenantry: {problem}", file=sys.stderr)
            return 2
        try:
            app = create_app(database.settings)
        except (MissingProvider, SettingsError) as error:
            print(f"tenantry: {error}", file=sys.stderr)
            return 2
        _print_banner(database, demo_login_hint(database.settings))
        with relay_workers(database.settings):
            try:
                run_server(
                    app,
                    host=settings.host,
                    port=settings.port,
                    log_level=settings.log_level.lower(),
                    # The client address is the socket's; only TRUSTED_PROXIES may name
                    # another (interface/http/client_origin.py). uvicorn's own default would
                    # believe X-Forwarded-For from 127.0.0.1.
                    proxy_headers=False,
                    log_config=None,  # one format for all: infrastructure/observability/logs.py
                    access_log=False,  # the app logs each request itself, with its context
                )
            except (Stopped, KeyboardInterrupt):
                pass  # uvicorn has already shut the API down gracefully
            print("The API has stopped.", flush=True)
    return 0


def _print_banner(database: Database, login_hint: str) -> None:
    base = f"http://{database.settings.host}:{database.settings.port}"
    migrations = "migrated to head" if database.migrated else "not migrated by this command"
    print(
        "\nTenantry is starting.\n"
        f"  API:       {base}/api/v1\n"
        f"  Docs UI:   {base}/docs\n"
        f"  OpenAPI:   {base}/schema/openapi.json\n"
        f"  Health:    {base}/health/ready\n"
        f"  Events:    {database.settings.events.relay_workers} relay worker(s)\n"
        f"  Database:  {database.description} ({migrations})\n"
        f"  {login_hint}\n"
        "Press Ctrl-C to stop.\n",
        flush=True,
    )
