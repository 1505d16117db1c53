"""Where the database comes from: ``DATABASE_URL``, or the embedded server in ``.data/``."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from infrastructure.database.embedded import EmbeddedPostgres, postmaster_running
from infrastructure.database.engine import create_engine
from infrastructure.database.migration_process import upgrade_apart
from infrastructure.database.role_guard import UnsafeDatabaseRole, ensure_safe_runtime_role
from infrastructure.database.urls import redacted
from infrastructure.settings import Settings

DATABASE_NAME = "tenantry"


@dataclass(frozen=True, slots=True)
class Database:
    settings: Settings
    description: str
    migrated: bool


@contextmanager
def running_database(settings: Settings) -> Iterator[Database]:
    """Yield settings with a usable ``database_url``; stop the embedded server on exit."""
    if not settings.uses_embedded_database:
        yield Database(settings, f"external, {redacted(str(settings.database_url))}", False)
        return
    server = EmbeddedPostgres(settings.data_dir / "postgres")
    try:
        urls = asyncio.run(server.prepare(DATABASE_NAME))
        ready = replace(
            settings,
            database_url=urls.runtime,
            database_owner_url=urls.owner,
            embedded_database=True,
        )
        description = f"embedded PostgreSQL, data in {settings.data_dir / 'postgres'}"
        yield Database(ready, description, False)
    finally:
        server.stop()


def embedded_database_running(settings: Settings) -> bool:
    """After ``running_database``: whether the embedded server still runs (it stops once no
    command uses it; another ``tenantry`` command still running keeps it up)."""
    return postmaster_running(settings.data_dir / "postgres")


def migrate(database: Database) -> Database:
    """Run the migrations as the owner role, when an owner URL is known, in a child process
    (``migration_process.py``: alembic never loads into this one). Raises
    ``MigrationFailed``."""
    owner = database.settings.database_owner_url
    if owner is None:
        return database
    upgrade_apart(owner, json_logs=database.settings.log_format == "json")
    return replace(database, migrated=True)


def distribute(database: Database) -> list[str]:
    """After ``migrate``: on Citus, distribute what is not distributed yet (``tenantry
    migrate`` only; see ``migrations.distribute``)."""
    from infrastructure.database import migrations  # alembic: only this short-lived command

    owner = database.settings.database_owner_url
    return [] if owner is None else migrations.distribute(owner)


def runtime_role_problem(settings: Settings) -> str | None:
    """Why the runtime role is unsafe (superuser, BYPASSRLS, owner), or ``None`` if it is safe."""

    async def check() -> None:
        engine = create_engine(str(settings.database_url), pool_size=1)
        try:
            await ensure_safe_runtime_role(engine)
        finally:
            await engine.dispose()

    try:
        asyncio.run(check())
    except UnsafeDatabaseRole as error:
        return str(error)
    return None
