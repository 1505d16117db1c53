"""The ``tenantry`` command: serve the API, migrate, and operate tenants and users."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from domain.shared.errors import AppError, ValidationFailed
from infrastructure.database.migration_process import MigrationFailed
from infrastructure.env_values import SettingsError
from infrastructure.observability.logs import configure_logging
from infrastructure.settings import Settings
from interface.cli.dead_letter_commands import add_dead_letter_commands
from interface.cli.operator_commands import Command, add_operator_commands
from interface.cli.serve import serve, with_workers
from interface.cli.worker import work
from interface.composition.database import distribute, migrate, running_database
from interface.composition.operator import operator_container


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tenantry", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="migrate and serve the API until Ctrl-C")
    serve_parser.add_argument(
        "--workers", type=int, help="API processes sharing the port (default: WORKERS or 1)"
    )
    commands.add_parser("migrate", help="run the database migrations to head")
    commands.add_parser("worker", help="deliver outbox events to their handlers until Ctrl-C")
    add_operator_commands(commands)
    add_dead_letter_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        configure_logging(settings.log_level, json=settings.log_format == "json")
        return _run(args, settings)
    except SettingsError as error:
        return _fail(str(error))
    except MigrationFailed as error:
        print(f"tenantry: {error}", file=sys.stderr)
        return 1  # as before, when the migrations ran in this process and raised


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "serve":
        return serve(with_workers(settings, args.workers))
    if args.command == "worker":
        return work(settings)
    if args.command != "migrate":
        logging.getLogger("alembic").setLevel(logging.WARNING)
    with running_database(settings) as database:
        database = migrate(database)
        if args.command == "migrate":
            if not database.migrated:
                return _fail("set DATABASE_OWNER_URL to migrate an external database")
            distributed = distribute(database)
            if distributed:
                print(f"Distributed on Citus: {', '.join(distributed)}.")
            print("Migrations are at head.")
            return 0
        return _operate(args.run, args, database.settings)


def _operate(command: Command, args: argparse.Namespace, settings: Settings) -> int:
    async def run() -> None:
        async with operator_container(settings) as container, container() as scope:
            await command(args, scope)

    try:
        asyncio.run(run())
    except ValidationFailed as error:
        fields = "; ".join(f"{e.field}: {e.message}" for e in error.errors)
        return _fail(f"{error.detail} {fields}".strip())
    except AppError as error:
        return _fail(error.detail)
    return 0


def _fail(message: str) -> int:
    print(f"tenantry: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
