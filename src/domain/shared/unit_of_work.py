"""The unit-of-work port: one database transaction scoped to one tenant."""

from types import TracebackType
from typing import Protocol, Self

from domain.identity.ports import UserRepository
from domain.tenancy.ports import TenantRepository


class UnitOfWork(Protocol):
    """One atomic piece of work.

    ``async with uow:`` starts a transaction scoped to the request's tenant; ``commit()``
    makes it durable; leaving the block without commit rolls it back. Repositories are
    valid only inside the block.
    """

    @property
    def tenants(self) -> TenantRepository: ...

    @property
    def users(self) -> UserRepository: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...
