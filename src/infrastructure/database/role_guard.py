"""Startup check: the app must never run as a role that escapes row-level security."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


class UnsafeDatabaseRole(RuntimeError):
    """The runtime database role could read or write across tenants."""


_ROLE_QUERY = text(
    "SELECT r.rolname, r.rolsuper, r.rolbypassrls, "
    "EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid "
    "AND c.relnamespace = 'public'::regnamespace) AS owns_tables "
    "FROM pg_roles r WHERE r.rolname = current_user"
)


async def ensure_safe_runtime_role(engine: AsyncEngine) -> None:
    """Raise ``UnsafeDatabaseRole`` if the engine's role is superuser, BYPASSRLS or an owner."""
    async with engine.connect() as connection:
        row = (await connection.execute(_ROLE_QUERY)).one()
    name, superuser, bypass, owns = row
    problems = [
        label
        for label, bad in (
            ("is a superuser", superuser),
            ("has BYPASSRLS", bypass),
            ("owns tables (owners can change or drop their policies)", owns),
        )
        if bad
    ]
    if problems:
        raise UnsafeDatabaseRole(
            f"Refusing to start: database role {name!r} {', '.join(problems)}. "
            "Point DATABASE_URL at the runtime role (LOGIN NOSUPERUSER NOBYPASSRLS, "
            "owning nothing); migrations use DATABASE_OWNER_URL."
        )
