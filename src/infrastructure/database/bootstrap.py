"""Creates the project's database roles and database (needs a superuser connection).

Three roles, created once per cluster and idempotently:

- ``tenantry_owner``: LOGIN, owns the database and every table, runs the migrations.
- ``tenantry_runtime``: NOLOGIN group that receives the DML grants in the migrations.
- ``tenantry_app``: the login role the app uses; a member of ``tenantry_runtime``,
  NOSUPERUSER NOBYPASSRLS, owning nothing.

On the embedded server they authenticate over its Unix socket only (trust, no TCP), so no
password exists to leak. On an external server the operator creates them with passwords
(see the README) and passes the two URLs instead.
"""

from __future__ import annotations

import asyncpg

from infrastructure.persistence.runtime_role import RUNTIME_ROLE

OWNER_ROLE = "tenantry_owner"
APP_ROLE = "tenantry_app"

_ROLES_SQL = f"""
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OWNER_ROLE}') THEN
    CREATE ROLE {OWNER_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{RUNTIME_ROLE}') THEN
    CREATE ROLE {RUNTIME_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
    CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE
      IN ROLE {RUNTIME_ROLE};
  END IF;
END
$$;
"""


async def bootstrap(superuser_dsn: str, database: str) -> None:
    """Ensure the three roles exist and ``database`` exists, owned by the owner role."""
    if not database.replace("_", "").isalnum():
        raise ValueError(f"unsafe database name {database!r}")
    connection = await asyncpg.connect(superuser_dsn)
    try:
        await connection.execute(_ROLES_SQL)
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
        if not exists:
            await connection.execute(f"CREATE DATABASE {database} OWNER {OWNER_ROLE}")
        await connection.execute(f"REVOKE ALL ON DATABASE {database} FROM PUBLIC")
        await connection.execute(
            f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {OWNER_ROLE}, {RUNTIME_ROLE}"
        )
    finally:
        await connection.close()


async def drop_database(superuser_dsn: str, database: str) -> None:
    """Drop ``database`` (used by tests for throw-away databases)."""
    connection = await asyncpg.connect(superuser_dsn)
    try:
        await connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    finally:
        await connection.close()
