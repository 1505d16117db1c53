"""Every SQL statement the app sends as its runtime role, recorded from SQLAlchemy's
engine events (any engine the process creates), and Citus's plan for each: how many
shards (tasks) it runs on."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import asyncpg
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from infrastructure.database.bootstrap import APP_ROLE
from infrastructure.database.tenant_scope import set_local_statement

PLANNED = ("SELECT", "WITH", "INSERT", "UPDATE", "DELETE")


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: tuple[Any, ...]


@contextmanager
def recorded_statements() -> Iterator[dict[str, Statement]]:
    """The distinct statements (by text, first parameters kept) the runtime role runs
    inside the block; transaction control and ``SET`` are left out."""
    seen: dict[str, Statement] = {}

    def record(
        conn: Connection, cursor: Any, sql: str, parameters: Any, context: Any, many: bool
    ) -> None:
        if conn.engine.url.username != APP_ROLE or not sql.lstrip().upper().startswith(PLANNED):
            return
        first = parameters[0] if many and parameters else parameters
        seen.setdefault(sql, Statement(sql, tuple(first or ())))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


async def task_counts(
    connection: asyncpg.Connection, statement: Statement, tenants: Sequence[str]
) -> list[int]:
    """The ``Task Count`` of every distributed step of ``statement``'s plan (none for a
    statement on the coordinator alone), planned in a transaction of the tenant whose id
    it carries, as the app runs it."""
    tenant = next((t for t in tenants if t in map(str, statement.parameters)), None)
    async with connection.transaction():
        if tenant is not None:
            await connection.execute(set_local_statement(UUID(tenant)))
        plan = await connection.fetchval(
            f"EXPLAIN (FORMAT JSON) {statement.sql}", *statement.parameters
        )
    return list(_task_counts(json.loads(plan)))


def _task_counts(node: Any) -> Iterator[int]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Task Count":
                yield int(value)
            else:
                yield from _task_counts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _task_counts(item)
