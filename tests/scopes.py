"""What one request scope builds, for integration tests: a tenant-bound session on the
runtime role, its unit of work, and the real repositories on it.

``async with in_tenant(sessions, tenant) as db:`` begins a transaction exactly as
``async with uow:`` does in a use case; ``db.users``, ``db.orders``, ... work inside it;
``await db.commit()`` commits; ``db.events`` records what the unit of work delivered.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from application.shared.tenant_context import TenantContext
from domain.identity.tenant import Tenant
from infrastructure.catalog.repository import SqlaProductRepository
from infrastructure.customers.repository import SqlaCustomerRepository
from infrastructure.database.tenant_session import TenantSession
from infrastructure.database.unit_of_work import SqlaUnitOfWork
from infrastructure.identity.repository import SqlaUserRepository
from infrastructure.identity.tenants import SqlaTenantRepository
from infrastructure.ordering.catalog_adapters import SqlaStockLedger
from infrastructure.ordering.repository import SqlaOrderRepository
from tests.unit.fake_db import RecordingDispatcher


class TenantScope:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], tenant: Tenant | None) -> None:
        self.db = TenantSession(sessions, TenantContext(None if tenant is None else tenant.id))
        self.events = RecordingDispatcher()
        self.uow = SqlaUnitOfWork(self.db, self.events)
        self.tenants = SqlaTenantRepository(self.db)
        self.users = SqlaUserRepository(self.db)
        self.products = SqlaProductRepository(self.db)
        self.customers = SqlaCustomerRepository(self.db)
        self.orders = SqlaOrderRepository(self.db)
        self.stock = SqlaStockLedger(self.db)

    @property
    def session(self) -> AsyncSession:
        return self.db.session

    async def commit(self) -> None:
        await self.uow.commit()

    async def __aenter__(self) -> Self:
        await self.uow.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.uow.__aexit__(exc_type, exc, tb)


def in_tenant(sessions: async_sessionmaker[AsyncSession], tenant: Tenant | None) -> TenantScope:
    return TenantScope(sessions, tenant)
