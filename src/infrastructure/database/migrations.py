"""Programmatic access to the alembic migrations (run as the owner role).

A long-running process (the API, a relay worker) does not import this module: it migrates
in a child process (``migration_process.py``) and reads the head revision without alembic
(``revisions.py``), so alembic, mako and the migration scripts never stay in its memory."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from infrastructure.database.urls import to_asyncpg_url
from infrastructure.persistence.citus import distribute_schema
from infrastructure.project_root import PROJECT_ROOT

ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"


def alembic_config(owner_url: str | None = None) -> Config:
    """The project's alembic configuration, pointed at ``owner_url`` when given."""
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    if owner_url is not None:
        config.attributes["owner_url"] = owner_url
    return config


def head_revision() -> str:
    """The revision the code expects the database to be at."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no alembic revisions found")
    return head


def upgrade(owner_url: str, revision: str = "head") -> None:
    """Migrate to ``revision``. Blocking: call from a thread when an event loop runs."""
    command.upgrade(alembic_config(owner_url), revision)


def distribute(owner_url: str) -> list[str]:
    """On Citus, distribute every table not distributed yet (a database migrated before
    Citus was installed; ``infrastructure.persistence.citus``); the tables distributed.
    ``tenantry migrate`` runs it after the upgrade, never a starting server: it locks and
    copies every table. Blocking."""
    done: list[str] = []
    in_owner_transaction(owner_url, lambda connection: done.extend(distribute_schema(connection)))
    return done


def in_owner_transaction(owner_url: str, work: Callable[[Connection], object]) -> None:
    """Run ``work`` (blocking, SQLAlchemy's sync API) in one transaction of the owner role."""
    asyncio.run(_in_transaction(owner_url, work))


async def _in_transaction(owner_url: str, work: Callable[[Connection], object]) -> None:
    engine = create_async_engine(to_asyncpg_url(owner_url), poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(work)
    finally:
        await engine.dispose()


def downgrade(owner_url: str, revision: str) -> None:
    command.downgrade(alembic_config(owner_url), revision)
