"""Ports of the ordering context."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from domain.ordering.events import DomainEvent
from domain.ordering.order import Order, OrderStatus
from domain.ordering.views import OrderView
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page


@dataclass(frozen=True, slots=True)
class OrderFilter:
    status: OrderStatus | None = None
    customer_id: UUID | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None


class OrderRepository(Protocol):
    async def add(self, order: Order) -> None: ...

    async def get(self, order_id: UUID) -> Order | None: ...

    async def save(self, order: Order, expected_status: OrderStatus, expected_version: int) -> bool:
        """Compare-and-set on (id, tenant, status, version); False when someone was first."""
        ...

    async def stale_pending(self, older_than: datetime, limit: int) -> Sequence[Order]:
        """Unpaid orders still holding stock, placed before ``older_than``."""
        ...


class OrderQueries(Protocol):
    """The read side: orders as views, each page or order in one statement."""

    async def get(self, order_id: UUID) -> OrderView | None: ...

    async def list(self, where: OrderFilter, query: ListQuery) -> Page[OrderView]: ...


class OrderReader(Protocol):
    """The hot single-order read of the request's tenant, on the shortest path the driver
    allows (one transaction: BEGIN with the tenant, one SELECT, COMMIT)."""

    async def get(self, order_id: UUID) -> OrderView | None: ...


class EventDispatcher(Protocol):
    async def dispatch(self, events: list[DomainEvent]) -> None:
        """Deliver committed events to their handlers (a handler's failure is logged)."""
        ...


class NotificationSender(Protocol):
    async def send(self, recipient: str, subject: str, body: str) -> None: ...
