"""Every statement the app sends to PostgreSQL, recorded in the order it is sent.

SQLAlchemy's statements (prepared, one round trip each once prepared) are recorded by its
``after_cursor_execute`` and ``handle_error`` events (after: SQLAlchemy sends the
``BEGIN`` of a transaction only when its first statement runs); what the app sends to the
driver itself (``BEGIN`` with the tenant's ``SET LOCAL``, ``COMMIT``, ``ROLLBACK``, the
single-order read) by wrapping the driver connection's methods when the pool opens it. Both
are synchronous, so the list is in wire order and can be cut into transactions.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from functools import wraps
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

DRIVER_METHODS = ("execute", "fetch", "fetchrow", "fetchval")


class Wire:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def record(self, statement: str) -> None:
        self.sent.append(" ".join(statement.split()))

    async def settle(self) -> list[str]:
        """The statements since the last ``clear``, without the driver's one-time type
        introspection and server check of a newly opened connection (not part of any
        request's budget)."""
        await asyncio.sleep(0.05)
        return [q for q in self.sent if not _introspection(q)]

    def clear(self) -> None:
        self.sent.clear()


def _introspection(statement: str) -> bool:
    return "pg_catalog" in statement or "pg_type" in statement or "pg_extension" in statement


def transactions(sent: list[str]) -> list[list[str]]:
    """``sent`` cut into runs that each start at a ``BEGIN`` (a statement before any
    ``BEGIN`` runs on its own, in its own implicit transaction)."""
    runs: list[list[str]] = []
    for statement in sent:
        if statement.startswith("BEGIN") or not runs or _ended(runs[-1]):
            runs.append([])
        runs[-1].append(statement)
    return runs


def _ended(run: list[str]) -> bool:
    return run[-1].startswith(("COMMIT", "ROLLBACK")) or not run[0].startswith("BEGIN")


def _wrapped(
    record: Callable[[str], None], driver: Any, method: Callable[..., Awaitable[Any]]
) -> Any:
    @wraps(method)
    async def call(query: str, *args: Any, **kwargs: Any) -> Any:
        scope = getattr(driver, "_pending_scope", None)  # what the connection appends
        record(f"{query} {scope}" if scope and query.startswith("BEGIN") else query)
        return await method(query, *args, **kwargs)

    return call


@pytest.fixture
def wire() -> Iterator[Wire]:
    recorder = Wire()

    def on_connect(dbapi_connection: Any, record: Any) -> None:
        driver = dbapi_connection.driver_connection
        for name in DRIVER_METHODS:
            setattr(driver, name, _wrapped(recorder.record, driver, getattr(driver, name)))

    def on_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        recorder.record(statement)

    def on_error(context: Any) -> None:
        if context.statement is not None:
            recorder.record(context.statement)

    listeners = (
        ("connect", on_connect),
        ("after_cursor_execute", on_execute),
        ("handle_error", on_error),
    )
    for name, listener in listeners:
        event.listen(Engine, name, listener)
    yield recorder
    for name, listener in listeners:
        event.remove(Engine, name, listener)
