"""Ports of the ordering context: its own orders, and what it needs from the world.

Ordering owns every port it uses. It reads products, stock and customers through the
narrow views below (adapters implement them over the catalog's and customers' tables),
charges through ``PaymentGateway`` and notifies through ``NotificationSender``; it never
imports another context.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from domain.ordering.order import Order
from domain.ordering.status import OrderStatus
from domain.ordering.views import OrderDocument, OrderView
from domain.shared.listing import ListQuery
from domain.shared.pagination import JoinedPage


@dataclass(frozen=True, slots=True)
class OrderFilter:
    status: OrderStatus | None = None
    customer_id: UUID | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None


class OrderRepository(Protocol):
    """The write side: order aggregates of the current tenant."""

    async def add(self, order: Order) -> None: ...

    async def get(self, order_id: UUID) -> Order | None: ...

    async def save(self, order: Order, expected_status: OrderStatus, expected_version: int) -> bool:
        """Compare-and-set on (id, tenant, status, version); False when someone was first."""
        ...

    async def stale_pending(self, older_than: datetime, limit: int) -> Sequence[Order]:
        """Unpaid orders still holding stock, placed before ``older_than`` (locked, skipping
        rows another sweep holds)."""
        ...

    async def unchanged_since(
        self, status: OrderStatus, before: datetime, limit: int
    ) -> Sequence[Order]:
        """Orders in ``status`` whose last change is older than ``before``, oldest first."""
        ...


class OrderViews(Protocol):
    """The read side: orders as views, or as the documents stored with them (the view as
    the API sends it), one statement per order or per page (its count inside).

    Inside an open transaction a read joins it; outside, each runs in its own short
    read-only transaction for the caller's tenant (the hot paths of ``GET /orders/{id}``
    and ``GET /orders``).
    """

    async def get(self, order_id: UUID) -> OrderView | None: ...

    async def document(self, order_id: UUID) -> OrderDocument | None: ...

    async def documents(self, where: OrderFilter, query: ListQuery) -> JoinedPage: ...


@dataclass(frozen=True, slots=True)
class PricedProduct:
    """What an order needs to know about a product when it is placed."""

    id: UUID
    currency: str
    unit_price_minor: int
    active: bool


class ProductPrices(Protocol):
    async def for_products(self, product_ids: Sequence[UUID]) -> dict[UUID, PricedProduct]:
        """The current tenant's products among ``product_ids`` (missing ones are absent)."""
        ...


class StockLedger(Protocol):
    async def take(self, wanted: Mapping[UUID, int]) -> dict[UUID, PricedProduct]:
        """In one atomic step, take the quantity ``wanted`` of each product whose stock
        covers it, so concurrent orders never oversell: the products taken, as priced
        now. A product missing from the answer (absent, another tenant's, or short of
        stock) was not taken; the caller rolls back what was taken when it refuses."""
        ...

    async def release(self, given: Mapping[UUID, int]) -> None:
        """Put each product's quantity back, in one step."""
        ...


@dataclass(frozen=True, slots=True)
class Buyer:
    """The customer an order is for, as ordering sees it."""

    id: UUID
    email: str
    name: str


class Buyers(Protocol):
    async def get(self, customer_id: UUID) -> Buyer | None:
        """The current tenant's customer, or None (another tenant's looks missing)."""
        ...


@dataclass(frozen=True, slots=True)
class ChargeRequest:
    tenant_id: UUID
    idempotency_key: str
    token: str
    amount_minor: int
    currency: str


@dataclass(frozen=True, slots=True)
class ChargeResult:
    succeeded: bool
    reference: str | None
    failure_code: str | None = None


class PaymentGateway(Protocol):
    """What a payment provider adapter implements (the sandbox, or a real one)."""

    async def charge(self, request: ChargeRequest) -> ChargeResult:
        """Charge once per idempotency key (a replay returns the first result); raise
        ``GatewayUnavailable`` on a network fault or timeout."""
        ...

    async def refund(self, tenant_id: UUID, reference: str, idempotency_key: str) -> None:
        """Refund a succeeded charge in full, once per idempotency key (a replay succeeds
        without refunding again); raise ``GatewayUnavailable`` on a fault and
        ``RefundRejected`` when the provider refuses (no such charge, another key)."""
        ...
