"""Use case: one customer of the caller's tenant; another tenant's is a 404."""

from __future__ import annotations

from uuid import UUID

from domain.customers.customer import Customer
from domain.customers.errors import CustomerNotFound
from domain.customers.ports import CustomerRepository
from domain.shared.unit_of_work import UnitOfWork


class GetCustomer:
    def __init__(self, uow: UnitOfWork, customers: CustomerRepository) -> None:
        self._uow = uow
        self._customers = customers

    async def __call__(self, customer_id: UUID) -> Customer:
        async with self._uow:
            customer = await self._customers.get(customer_id)
        if customer is None:
            raise CustomerNotFound()
        return customer
