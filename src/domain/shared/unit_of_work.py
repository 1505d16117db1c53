"""The unit-of-work port: a transaction boundary, and nothing more.

It lists no repositories. Repositories are ports of their own context, injected into the
use cases that need them; they work inside the transaction that the unit of work has open.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from domain.shared.events import EventSource


class UnitOfWork(Protocol):
    """One transaction at a time, each scoped to one tenant.

    ``async with uow:`` begins a transaction for the caller's tenant (the verified
    principal's); ``commit()`` makes it durable; leaving the block without ``commit()``
    rolls it back. Repositories are usable only inside the block. Every aggregate a
    repository adds or saves is tracked; ``commit()`` writes their new events to the
    outbox in the same transaction, so they are published exactly when the change is.
    """

    def for_tenant(self, tenant_id: UUID | None) -> UnitOfWork:
        """The same unit of work acting for ``tenant_id``: for the few use cases that find
        their tenant themselves (signup, login, refresh, operator jobs, event handlers)."""
        ...

    def track(self, aggregate: EventSource) -> None:
        """Remember an aggregate written in the open transaction (repositories call it)."""
        ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...
