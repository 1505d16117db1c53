"""``tenantry serve``: database up, migrated, role checked, then the API until Ctrl-C or
SIGTERM.

The API runs in this process, or in ``WORKERS`` processes (``interface/cli/http_server.py``).
uvicorn shuts down gracefully on either signal and then raises it again under the handler
that was installed before it started; for SIGTERM that is the default one, which ends the
process on the spot, before the embedded PostgreSQL could be stopped. So for the whole of
``serve`` SIGTERM raises ``Stopped`` instead, like Ctrl-C raises ``KeyboardInterrupt``: the
stack unwinds through ``running_database``, which stops the server, whether the signal
comes while the API serves or while it is still starting. With several workers uvicorn's
supervisor takes both signals, stops the workers (each drains its requests) and returns.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from types import FrameType

from litestar import Litestar

from infrastructure.env_values import SettingsError
from infrastructure.settings import Settings
from interface.cli.children import http_worker_environment
from interface.cli.demo import demo_login_hint
from interface.cli.http_server import run_http
from interface.cli.relay_processes import relay_workers
from interface.composition.app import create_app
from interface.composition.database import (
    Database,
    embedded_database_running,
    migrate,
    running_database,
    runtime_role_problem,
)
from interface.composition.signing import with_signing_secret
from interface.composition.wiring import MissingProvider


def with_workers(settings: Settings, workers: int | None) -> Settings:
    """``settings`` with ``serve --workers`` in place of ``WORKERS``, when given."""
    if workers is None:
        return settings
    if not 1 <= workers <= 64:
        raise SettingsError(f"--workers must be between 1 and 64, got {workers}")
    return replace(settings, server=replace(settings.server, workers=workers))


class Stopped(Exception):
    """SIGTERM arrived."""


@contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """Within the block, SIGTERM raises ``Stopped`` in the main thread; a repeated SIGTERM
    is ignored, so it cannot cut the database's shutdown short. SIGHUP (the terminal has
    gone) counts as SIGTERM, for whoever handles SIGTERM at the time (uvicorn, while it
    serves: a graceful stop)."""

    def stop(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Stopped()

    def hang_up(signum: int, frame: FrameType | None) -> None:
        os.kill(os.getpid(), signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, stop)
    previous_hup = signal.signal(signal.SIGHUP, hang_up)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGHUP, previous_hup)


def serve(settings: Settings) -> int:
    """Serve until Ctrl-C or SIGTERM; the embedded database is stopped cleanly afterwards,
    also when the signal comes during startup."""
    with sigterm_unwinds():
        try:
            code = _serve(settings)
        except (Stopped, KeyboardInterrupt):
            print("Stopped before the API was serving.", flush=True)
            code = 0
    if settings.uses_embedded_database:
        _report_database(settings)
    return code


def _report_database(settings: Settings) -> None:
    if embedded_database_running(settings):
        print(
            "The embedded PostgreSQL is still running: another tenantry command uses it "
            f"(see {settings.data_dir / 'postgres' / '.handle_pids.json'}).",
            flush=True,
        )
    else:
        print(f"The embedded PostgreSQL has stopped; its data stays in {settings.data_dir}.")


def _serve(settings: Settings) -> int:
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
        with relay_workers(database.settings), http_worker_environment(database.settings):
            if not _run_api(app, database.settings):
                print("tenantry: the API failed to start (its log says why)", file=sys.stderr)
                return 1
            print("The API has stopped.", flush=True)
    return 0


def _run_api(app: Litestar, settings: Settings) -> bool:
    """Whether the API started (and has now stopped)."""
    try:
        return run_http(app, settings)
    except (Stopped, KeyboardInterrupt):
        return True  # uvicorn has already shut the API down gracefully


def _print_banner(database: Database, login_hint: str) -> None:
    base = f"http://{database.settings.host}:{database.settings.port}"
    migrations = "migrated to head" if database.migrated else "not migrated by this command"
    print(
        "\nTenantry is starting.\n"
        f"  API:       {base}/api/v1\n"
        f"  Docs UI:   {base}/docs\n"
        f"  OpenAPI:   {base}/schema/openapi.json\n"
        f"  Health:    {base}/health/ready\n"
        f"  Workers:   {database.settings.server.workers} API, "
        f"{database.settings.events.relay_workers} event relay\n"
        f"  Database:  {database.description} ({migrations})\n"
        f"  {login_hint}\n"
        "Press Ctrl-C to stop.\n",
        flush=True,
    )
