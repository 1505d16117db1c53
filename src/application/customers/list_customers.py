"""Use case: a page of the caller's customers (one read-only transaction)."""

from __future__ import annotations

from domain.customers.customer import Customer
from domain.customers.ports import CustomerRepository
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from domain.shared.unit_of_work import UnitOfWork


class ListCustomers:
    def __init__(self, uow: UnitOfWork, customers: CustomerRepository) -> None:
        self._uow = uow
        self._customers = customers

    async def __call__(self, query: ListQuery) -> Page[Customer]:
        async with self._uow:
            return await self._customers.list(query)
