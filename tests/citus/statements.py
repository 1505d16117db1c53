"""Every SQL statement the app sends as its runtime role, recorded from SQLAlchemy's
engine events (any engine the process creates) and from the driver connections it opens
(the hot reads go to asyncpg directly), and Citus's plan for each: how many shards
(tasks) it runs on."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import asyncpg
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from infrastructure.database.bootstrap import APP_ROLE
from infrastructure.database.tenant_scope import TenantScopedConnection, set_local_statement

PLANNED = ("SELECT", "WITH", "INSERT", "UPDATE", "DELETE")


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: tuple[Any, ...]


DRIVER_READS = ("fetch", "fetchrow", "fetchval")


@contextmanager
def recorded_statements() -> Iterator[dict[str, Statement]]:
    """The distinct statements (by text, first parameters kept) the runtime role runs
    inside the block, through SQLAlchemy or straight on a driver connection (the app's
    connection class is patched for the block, pooled connections included); transaction
    control and ``SET`` are left out."""
    seen: dict[str, Statement] = {}

    def keep(sql: str, parameters: Any) -> None:
        if sql.lstrip().upper().startswith(PLANNED):
            seen.setdefault(sql, Statement(sql, tuple(parameters or ())))

    def record(
        conn: Connection, cursor: Any, sql: str, parameters: Any, context: Any, many: bool
    ) -> None:
        if conn.engine.url.username == APP_ROLE:
            keep(sql, parameters[0] if many and parameters else parameters)

    own = {name: TenantScopedConnection.__dict__.get(name) for name in DRIVER_READS}
    for name in DRIVER_READS:
        method = getattr(TenantScopedConnection, name)
        setattr(TenantScopedConnection, name, _recording(keep, method))
    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)
        for name, method in own.items():
            if method is None:
                delattr(TenantScopedConnection, name)  # inherited again
            else:
                setattr(TenantScopedConnection, name, method)


def _recording(keep: Callable[[str, Any], None], method: Callable[..., Any]) -> Any:
    async def call(self: TenantScopedConnection, sql: str, *args: Any, **kwargs: Any) -> Any:
        if self._params.user == APP_ROLE:  # type: ignore[attr-defined]
            keep(sql, args)
        return await method(self, sql, *args, **kwargs)

    return call


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
