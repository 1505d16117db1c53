"""Use case: add a customer to the caller's tenant (any role; one transaction)."""

from __future__ import annotations

from domain.customers.customer import Customer
from domain.customers.errors import CustomerEmailTaken
from domain.customers.ports import CustomerRepository
from domain.shared.actor import Actor
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWork


class CreateCustomer:
    def __init__(self, uow: UnitOfWork, customers: CustomerRepository) -> None:
        self._uow = uow
        self._customers = customers

    async def __call__(self, actor: Actor, email: str, name: str) -> Customer:
        customer = Customer.create(actor.tenant_id, email, name)
        try:
            async with self._uow as uow:
                await self._customers.add(customer)
                await uow.commit()
        except Conflict as error:
            raise CustomerEmailTaken() from error
        return customer
