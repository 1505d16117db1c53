"""The unit-of-work port: one database transaction scoped to one tenant."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from domain.catalog.ports import ProductRepository
from domain.customers.ports import CustomerRepository
from domain.identity.ports import RefreshTokenRepository, UserRepository
from domain.ordering.ports import OrderQueries, OrderRepository
from domain.shared.idempotency import IdempotencyKeys
from domain.tenancy.ports import TenantRepository


class UnitOfWork(Protocol):
    """One atomic piece of work.

    ``async with uow:`` starts a transaction scoped to one tenant; ``commit()`` makes it
    durable; leaving the block without commit rolls it back. Repositories are valid only
    inside the block.
    """

    @property
    def tenants(self) -> TenantRepository: ...

    @property
    def users(self) -> UserRepository: ...

    @property
    def refresh_tokens(self) -> RefreshTokenRepository: ...

    @property
    def products(self) -> ProductRepository: ...

    @property
    def customers(self) -> CustomerRepository: ...

    @property
    def orders(self) -> OrderRepository: ...

    @property
    def order_views(self) -> OrderQueries: ...

    @property
    def idempotency_keys(self) -> IdempotencyKeys: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    """For the few use cases that find their tenant themselves: signup (a new tenant),
    login (a slug), refresh (a token). Everything else takes the request's unit of work,
    scoped to the verified principal's tenant."""

    def for_tenant(self, tenant_id: UUID | None) -> UnitOfWork: ...
