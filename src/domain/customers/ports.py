"""Ports of the customers context."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from domain.customers.customer import Customer
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page


class CustomerRepository(Protocol):
    """Customers of the current tenant; another tenant's customer is simply absent."""

    async def add(self, customer: Customer) -> None: ...

    async def get(self, customer_id: UUID) -> Customer | None: ...

    async def list(self, query: ListQuery) -> Page[Customer]: ...

    async def save(self, customer: Customer, expected_version: int) -> bool:
        """Compare-and-set on the version; False when it changed or is not visible."""
        ...

    async def delete(self, customer_id: UUID, expected_version: int) -> bool: ...
