"""What one request scope builds, for integration tests: a tenant-bound session on the
runtime role, its unit of work, and the real repositories on it.

``async with in_tenant(sessions, tenant) as db:`` begins a transaction exactly as
``async with uow:`` does in a use case; ``db.users``, ``db.orders``, ... work inside it;
``await db.commit()`` commits, with the events of what was saved written to the outbox.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from application.shared.tenant_context import TenantContext
from domain.catalog.product import Product
from domain.customers.customer import Customer
from domain.identity.tenant import Tenant
from domain.ordering.order import Order, OrderLine
from infrastructure.catalog.repository import SqlaProductRepository
from infrastructure.customers.repository import SqlaCustomerRepository
from infrastructure.database.tenant_session import TenantSession
from infrastructure.database.unit_of_work import SqlaUnitOfWork
from infrastructure.events.event_catalog import EventCatalog
from infrastructure.events.outbox import SqlaEventOutbox
from infrastructure.identity.repository import SqlaUserRepository
from infrastructure.identity.tenants import SqlaTenantRepository
from infrastructure.ordering.catalog_adapters import SqlaStockLedger
from infrastructure.ordering.repository import SqlaOrderRepository
from interface.composition.contexts import CONTEXTS

CATALOG = EventCatalog(event for context in CONTEXTS for event in context.events)


class TenantScope:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], tenant: Tenant | None) -> None:
        self.db = TenantSession(sessions, TenantContext(None if tenant is None else tenant.id))
        self.uow = SqlaUnitOfWork(self.db, SqlaEventOutbox(self.db, CATALOG))
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


async def outbox_events(
    sessions: async_sessionmaker[AsyncSession], tenant: Tenant
) -> list[tuple[str, dict[str, Any]]]:
    """``(event_type, payload)`` of every event in ``tenant``'s outbox, oldest first."""
    async with in_tenant(sessions, tenant) as db:
        rows = await db.session.execute(
            text("SELECT event_type, payload FROM outbox WHERE tenant_id = :t ORDER BY id"),
            {"t": tenant.id},
        )
        return [(name, payload) for name, payload in rows.all()]


async def placed_order(sessions: async_sessionmaker[AsyncSession], tenant: Tenant) -> Order:
    """An order of two pens, placed and committed in ``tenant`` with its product and
    customer."""
    pen = Product.create(tenant.id, "PEN", "Pen", "", "EUR", 250, 10)
    customer = Customer.create(tenant.id, "c@example.test", "Carla")
    order = Order.place(tenant.id, customer.id, "EUR", [OrderLine(pen.id, 2, 250)])
    async with in_tenant(sessions, tenant) as db:
        await db.products.add(pen)
        await db.customers.add(customer)
        await db.orders.add(order)
        await db.commit()
    return order
