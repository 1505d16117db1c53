"""``tenantry serve``: database up, migrated, role checked, then the API until Ctrl-C."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from infrastructure.settings import Settings
from interface.cli.demo import demo_login_hint
from interface.composition.app import create_app
from interface.composition.database import (
    Database,
    migrate,
    running_database,
    runtime_role_problem,
)
from interface.composition.wiring import MissingProvider


def serve(settings: Settings, run_server: Callable[..., Any]) -> int:
    """Serve until interrupted; the embedded database is stopped cleanly afterwards."""
    with running_database(settings) as database:
        database = migrate(database)
        problem = runtime_role_problem(database.settings)
        if problem is not None:
            print(f"tenantry: {problem}", file=sys.stderr)
            return 2
        try:
            app = create_app(database.settings)
        except MissingProvider as error:
            print(f"tenantry: {error}", file=sys.stderr)
            return 2
        _print_banner(database, demo_login_hint(database.settings))
        run_server(
            app,
            host=settings.host,
            port=settings.port,
            log_level=settings.log_level.lower(),
        )
        print("The API has stopped.", flush=True)
    if settings.uses_embedded_database:
        print(f"The embedded PostgreSQL has stopped; its data stays in {settings.data_dir}.")
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
        f"  Database:  {database.description} ({migrations})\n"
        f"  {login_hint}\n"
        "Press Ctrl-C to stop.\n",
        flush=True,
    )
