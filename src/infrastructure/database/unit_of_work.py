"""SQLAlchemy unit of work: one session, one transaction, one tenant.

Transaction boundaries: ``async with uow:`` opens a session and begins the transaction
(``session.begin()``); the tenant is applied with ``SET LOCAL`` at that start (see
``tenant_scope``). The transaction ends in ``commit()``, called explicitly by the
application before it answers, or in ``__aexit__``, which rolls back whatever was not
committed and closes the session. Driver errors raised inside the block leave it as
``AppError`` subclasses.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self
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


class SqlaUnitOfWork:
    """Implements ``domain.shared.unit_of_work.UnitOfWork``; not re-entrant."""

    tenants: SqlaTenantRepository
    users: SqlaUserRepository
    refresh_tokens: SqlaRefreshTokenRepository
    products: SqlaProductRepository
    customers: SqlaCustomerRepository
    orders: SqlaOrderRepository
    order_views: SqlaOrderQueries
    idempotency_keys: SqlaIdempotencyKeys

    def __init__(self, sessions: async_sessionmaker[AsyncSession], tenant: TenantContext) -> None:
        self._sessions = sessions
        self._tenant = tenant
        self._session: AsyncSession | None = None
        self._transaction: AsyncSessionTransaction | None = None

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already in use")
        session = self._sessions(info={TENANT_INFO_KEY: self._tenant.tenant_id})
        self._session = session
        self._transaction = await session.begin()
        self.tenants = SqlaTenantRepository(session)
        self.users = SqlaUserRepository(session, self._tenant.tenant_id)
        tenant_id = self._tenant.tenant_id
        self.refresh_tokens = SqlaRefreshTokenRepository(session, tenant_id)
        self.products = SqlaProductRepository(session, tenant_id)
        self.customers = SqlaCustomerRepository(session, tenant_id)
        self.orders = SqlaOrderRepository(session, tenant_id)
        self.order_views = SqlaOrderQueries(session, tenant_id)
        self.idempotency_keys = SqlaIdempotencyKeys(session, tenant_id)
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
