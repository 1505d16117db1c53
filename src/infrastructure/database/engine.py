"""Engine and session factory for the app's runtime role."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from infrastructure.database.tenant_scope import TenantScopedConnection, TenantScopedSession
from infrastructure.database.urls import to_asyncpg_url
from infrastructure.observability.metrics import DB_CONNECTIONS_IN_USE

CONNECT_TIMEOUT_SECONDS = 5
"""How long opening a connection may take: an unreachable database is a quick 503, not a
request hanging for the driver's default minute."""


POOL_WAIT_SECONDS = 5.0
"""How long a request waits for a free connection of a full pool before it is answered
503 (``errors.py``): an overloaded process sheds load instead of queueing for ever."""


def create_engine(
    url: str, pool_size: int = 10, overflow: int | None = None, wait: float = POOL_WAIT_SECONDS
) -> AsyncEngine:
    """An async engine whose connections scope each transaction to the session's tenant.

    ``overflow`` connections beyond ``pool_size`` are opened when all are busy and closed
    again when enough are idle (``None``: as many as ``pool_size``). The runtime role's
    engine uses none (``DatabaseProvider``): under steady load an overflow connection is
    opened and closed again and again, and each costs a login and a new server process
    (issue 13).

    Bind parameters (emails, names, tokens' hashes) never appear in an error's text, so
    they never reach a log line or a traceback (``hide_parameters``)."""
    engine = create_async_engine(
        to_asyncpg_url(url),
        pool_size=pool_size,
        max_overflow=pool_size if overflow is None else overflow,
        pool_timeout=wait,
        pool_pre_ping=False,
        hide_parameters=True,
        connect_args={
            "connection_class": TenantScopedConnection,
            "timeout": CONNECT_TIMEOUT_SECONDS,
            "server_settings": {"application_name": "tenantry"},
        },
    )
    event.listen(engine.sync_engine, "connect", _learn_server)
    event.listen(engine.sync_engine, "checkout", _count_checkout)
    event.listen(engine.sync_engine, "checkin", _checked_in)
    event.listen(engine.sync_engine, "detach", _uncount)
    return engine


def _learn_server(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
    """Once per new connection: whether the server runs Citus (how it scopes a tenant)."""
    if isinstance(getattr(dbapi_connection, "driver_connection", None), TenantScopedConnection):
        dbapi_connection.run_async(lambda driver: driver.learn_server(CONNECT_TIMEOUT_SECONDS))


def _count_checkout(
    dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry, _: object
) -> None:
    """Count a connection in use once it is handed out (and only then: a checkout that
    fails to reconnect still sends a check-in, which must not count down)."""
    if record.record_info is not None:
        record.record_info["in_use"] = True
        DB_CONNECTIONS_IN_USE.inc()


def _uncount(dbapi_connection: DBAPIConnection | None, record: ConnectionPoolEntry) -> None:
    if record.record_info is not None and record.record_info.pop("in_use", False):
        DB_CONNECTIONS_IN_USE.dec()


def _checked_in(dbapi_connection: DBAPIConnection | None, record: ConnectionPoolEntry) -> None:
    """Never let an armed-but-unused tenant scope travel back into the pool."""
    _uncount(dbapi_connection, record)
    driver = getattr(dbapi_connection, "driver_connection", None)
    if isinstance(driver, TenantScopedConnection):
        driver.arm(None)


class OwnerEngine:
    """The owner role's engine, for operator commands only (a key of its own, distinct from
    the runtime role's ``AsyncEngine``)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        engine, expire_on_commit=False, autoflush=False, sync_session_class=TenantScopedSession
    )
