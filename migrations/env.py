"""Alembic environment (async). Runs as the owner role, never as the app's runtime role."""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from infrastructure.database.urls import to_asyncpg_url
from infrastructure.persistence.registry import load_models

config = context.config
target_metadata = load_models()


def _owner_url() -> str:
    url = config.attributes.get("owner_url") or os.environ.get("DATABASE_OWNER_URL")
    if not url:
        raise RuntimeError("Set DATABASE_OWNER_URL (the owner role) to run migrations.")
    return str(url)


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_async_engine(
        to_asyncpg_url(_owner_url()), poolclass=NullPool, hide_parameters=True
    )
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_configure)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("Offline (SQL script) migrations are not supported.")
asyncio.run(_run_online())
