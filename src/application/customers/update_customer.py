"""Use case: change a customer's e-mail or name (one transaction, compare-and-set on the
version the client read: missing is a 428, stale a 412, a taken e-mail a 409)."""

from __future__ import annotations

from uuid import UUID

from application.customers.current_customer import current_customer
from domain.customers.customer import Customer
from domain.customers.errors import CustomerEmailTaken
from domain.customers.ports import CustomerRepository
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWork
from domain.shared.versioning import PreconditionFailed


class UpdateCustomer:
    def __init__(self, uow: UnitOfWork, customers: CustomerRepository) -> None:
        self._uow = uow
        self._customers = customers

    async def __call__(
        self, customer_id: UUID, expected_version: int | None, email: str | None, name: str | None
    ) -> Customer:
        try:
            async with self._uow as uow:
                customer = await current_customer(self._customers, customer_id, expected_version)
                customer.change(email, name)
                if not await self._customers.save(customer, customer.version - 1):
                    raise PreconditionFailed()
                await uow.commit()
        except CustomerEmailTaken:
            raise
        except Conflict as error:
            raise CustomerEmailTaken() from error
        return customer
