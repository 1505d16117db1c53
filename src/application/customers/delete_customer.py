"""Use case: delete a customer without orders (one transaction, compare-and-set on the
version the client read)."""

from __future__ import annotations

from uuid import UUID

from application.customers.current_customer import current_customer
from domain.customers.errors import CustomerInUse
from domain.customers.ports import CustomerRepository
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWork
from domain.shared.versioning import PreconditionFailed


class DeleteCustomer:
    def __init__(self, uow: UnitOfWork, customers: CustomerRepository) -> None:
        self._uow = uow
        self._customers = customers

    async def __call__(self, customer_id: UUID, expected_version: int | None) -> None:
        try:
            async with self._uow as uow:
                customer = await current_customer(self._customers, customer_id, expected_version)
                if not await self._customers.delete(customer_id, customer.version):
                    raise PreconditionFailed()
                await uow.commit()
        except Conflict as error:
            raise CustomerInUse() from error
