"""Ports of the customers context."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from domain.customers.customer import Customer
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page


class CustomerRepository(Protocol):
    async def add(self, customer: Customer) -> None: ...

    async def get(self, customer_id: UUID) -> Customer | None: ...

    async def list(self, query: ListQuery) -> Page[Customer]: ...

    async def save(self, customer: Customer, expected_version: int) -> bool: ...

    async def delete(self, customer_id: UUID, expected_version: int) -> bool: ...
