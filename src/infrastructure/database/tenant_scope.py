"""How every transaction learns its tenant: ``SET LOCAL app.tenant_id`` sent with ``BEGIN``.

Row-level security policies compare each row's ``tenant_id`` with the transaction-local
setting ``app.tenant_id``. The unit of work puts the tenant into ``session.info``; when the
session begins a transaction, ``_arm`` hands the ready-made ``SET LOCAL`` statement to the
driver connection, which appends it to its own ``BEGIN`` so both travel in one message (one
round trip, no per-tenant prepared statement, outside SQLAlchemy's statement cache).

On Citus (``citus.propagate_set_commands = 'local'``) a ``SET LOCAL`` is replayed on every
worker the transaction reaches, as the text of the statement that ran it: a bare one sent
with ``BEGIN`` replays the whole message, ``BEGIN`` too, and each worker warns of a
transaction already in progress. There the ``SET LOCAL`` runs inside a ``DO`` block, whose
statement text is its own; still one message. The block also turns the propagation on for
its transaction, so a session older than the database's setting (migration 0020) scopes
its tenant all the same. Each connection learns once, when it opens,
whether its server runs Citus. Plain PostgreSQL keeps the bare form: the block costs a
little there (``bench/tenant_scope.py``, docs/scale-out.md).

``SET LOCAL`` ends with the transaction, so a pooled connection never carries a tenant into
the next one. A session with no tenant arms nothing: its queries see no tenant rows and its
writes are rejected (fail closed). This relies on asyncpg starting a transaction with a
plain ``execute("BEGIN ...;")``; asyncpg is pinned and a test proves the setting is present.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from uuid import UUID

import asyncpg
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, SessionTransaction

TENANT_INFO_KEY = "tenant_id"
_CITUS = "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')"


def set_local_statement(tenant_id: UUID, on_citus: bool = False) -> str:
    """The statement that scopes one transaction to ``tenant_id`` (see the module docstring).

    SET takes no bind parameters, so the UUID is re-serialised from a parsed ``UUID`` (which
    can only produce hex digits and hyphens) before it is quoted.
    """
    scope = f"SET LOCAL app.tenant_id = '{UUID(str(tenant_id))}';"
    if not on_citus:
        return scope
    return f"DO $$BEGIN SET LOCAL citus.propagate_set_commands = 'local'; {scope} END$$;"


class TenantScopedConnection(asyncpg.Connection):
    """An asyncpg connection that appends a pending ``SET LOCAL`` to its next ``BEGIN``."""

    _pending_scope: str | None = None
    on_citus = False
    """Whether the server runs Citus (``learn_server``, when the connection opens)."""

    async def learn_server(self, seconds: float) -> None:
        """Ask once whether the server runs Citus. A connection that cannot answer (the
        server going away) stays with the bare form, correct on both servers; its next
        statement meets the failure and is translated like any other."""
        try:
            self.on_citus = bool(await self.fetchval(_CITUS, timeout=seconds))
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError):  # OSError: timeouts too
            self.on_citus = False

    def arm(self, tenant_id: UUID | None) -> None:
        """Scope the next transaction to ``tenant_id`` (``None``: to no tenant)."""
        scope = None if tenant_id is None else _recent_scope(tenant_id, self.on_citus)
        self._pending_scope = scope

    async def execute(
        self, query: str, *args: Any, timeout: float | None = None  # noqa: ASYNC109 (asyncpg's)
    ) -> str:
        pending = self._pending_scope
        if pending is not None and not args and query.startswith("BEGIN"):
            self._pending_scope = None
            query = f"{query} {pending}"
        result: str = await super().execute(query, *args, timeout=timeout)
        return result


@lru_cache(maxsize=1024)
def _recent_scope(tenant_id: UUID, on_citus: bool) -> str:
    """``set_local_statement``, kept for the most recent tenants: every transaction arms
    one, and parsing and formatting the UUID each time was about 1% of a single-order
    read's samples (issue 13)."""
    return set_local_statement(tenant_id, on_citus)


class TenantScopedSession(Session):
    """The sync session behind every ``AsyncSession`` of the app; see module docstring."""


@event.listens_for(TenantScopedSession, "after_begin")
def _arm(session: Session, transaction: SessionTransaction, connection: Connection) -> None:
    tenant = session.info.get(TENANT_INFO_KEY)
    driver = connection.connection.driver_connection
    if isinstance(driver, TenantScopedConnection):
        driver.arm(tenant)
