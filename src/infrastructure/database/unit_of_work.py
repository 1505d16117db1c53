"""SQLAlchemy unit of work: one session, one transaction, one tenant.

Transaction boundaries: ``async with uow:`` opens a session and begins the transaction
(``session.begin()``); the tenant is applied with ``SET LOCAL`` at that start (see
``tenant_scope``). The transaction ends in ``commit()``, called explicitly by the
application before it answers, or in ``__aexit__``, which rolls back whatever was not
committed and closes the session. Driver errors raised inside the block leave it as
``AppError`` subclasses.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Generic, Self, TypeVar, cast
from uuid import UUID

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction, async_sessionmaker

from application.shared.tenant_context import TenantContext
from infrastructure.catalog.repository import SqlaProductRepository
from infrastructure.customers.repository import SqlaCustomerRepository
from infrastructure.database.errors import translate
from infrastructure.database.tenant_scope import TENANT_INFO_KEY
from infrastructure.idempotency.repository import SqlaIdempotencyKeys
from infrastructure.identity.refresh_repository import SqlaRefreshTokenRepository
from infrastructure.identity.repository import SqlaUserRepository
from infrastructure.ordering.queries import SqlaOrderQueries
from infrastructure.ordering.repository import SqlaOrderRepository
from infrastructure.tenancy.repository import SqlaTenantRepository

RepoT = TypeVar("RepoT")


class _Repository(Generic[RepoT]):
    """A repository built on first use inside a unit of work (most use cases need one or
    two of them, and building the others would cost every request)."""

    def __init__(self, build: Callable[[AsyncSession, UUID | None], RepoT]) -> None:
        self._build = build
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, uow: SqlaUnitOfWork, owner: type | None = None) -> RepoT:
        if self._name not in uow._repositories:
            uow._repositories[self._name] = self._build(uow.session, uow.tenant_id)
        return cast(RepoT, uow._repositories[self._name])


class SqlaUnitOfWork:
    """Implements ``domain.shared.unit_of_work.UnitOfWork``; not re-entrant."""

    tenants = _Repository(lambda session, _: SqlaTenantRepository(session))
    users = _Repository(SqlaUserRepository)
    refresh_tokens = _Repository(SqlaRefreshTokenRepository)
    products = _Repository(SqlaProductRepository)
    customers = _Repository(SqlaCustomerRepository)
    orders = _Repository(SqlaOrderRepository)
    order_views = _Repository(SqlaOrderQueries)
    idempotency_keys = _Repository(SqlaIdempotencyKeys)

    def __init__(self, sessions: async_sessionmaker[AsyncSession], tenant: TenantContext) -> None:
        self._sessions = sessions
        self._tenant = tenant
        self._session: AsyncSession | None = None
        self._transaction: AsyncSessionTransaction | None = None
        self._repositories: dict[str, object] = {}

    @property
    def tenant_id(self) -> UUID | None:
        return self._tenant.tenant_id

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already in use")
        session = self._sessions(info={TENANT_INFO_KEY: self._tenant.tenant_id})
        self._session = session
        self._transaction = await session.begin()
        self._repositories.clear()
        return self

    @property
    def session(self) -> AsyncSession:
        """The open session, for adapters that need SQL beyond the repositories."""
        if self._session is None:
            raise RuntimeError("no session outside 'async with uow:'")
        return self._session

    async def commit(self) -> None:
        if self._transaction is None:
            raise RuntimeError("commit() outside 'async with uow:'")
        await self._transaction.commit()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, transaction = self._session, self._transaction
        self._session = self._transaction = None
        self._repositories.clear()
        if session is None or transaction is None:
            return
        try:
            if transaction.is_active:
                await transaction.rollback()
        finally:
            await session.close()
        if isinstance(exc, SQLAlchemyError):
            translated = translate(exc)
            if translated is not None:
                raise translated from exc


class SqlaUnitOfWorkFactory:
    """Implements ``UnitOfWorkFactory``: units of work for a tenant the use case found."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    def for_tenant(self, tenant_id: UUID | None) -> SqlaUnitOfWork:
        return SqlaUnitOfWork(self._sessions, TenantContext(tenant_id))
