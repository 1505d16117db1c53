"""Use cases on customers: every role of the tenant may manage them.

One transaction each, in the request's unit of work; changes are compare-and-set on the
version the client read (its ETag).
"""

from __future__ import annotations

from uuid import UUID

from domain.customers.customer import Customer
from domain.identity.principal import Principal
from domain.shared.errors import Conflict, NotFound
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from domain.shared.unit_of_work import UnitOfWork
from domain.shared.versioning import PreconditionFailed, check_version


class CustomerNotFound(NotFound):
    default_detail = "The customer was not found."


class CustomerEmailTaken(Conflict):
    default_detail = "A customer with this e-mail already exists."


class CustomerInUse(Conflict):
    default_detail = "The customer has orders and cannot be deleted."


class CreateCustomer:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, actor: Principal, email: str, name: str) -> Customer:
        customer = Customer.create(actor.tenant_id, email, name)
        try:
            async with self._uow as uow:
                await uow.customers.add(customer)
                await uow.commit()
        except Conflict as error:
            raise CustomerEmailTaken() from error
        return customer


class ListCustomers:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, query: ListQuery) -> Page[Customer]:
        async with self._uow as uow:
            return await uow.customers.list(query)


class GetCustomer:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, customer_id: UUID) -> Customer:
        async with self._uow as uow:
            customer = await uow.customers.get(customer_id)
        if customer is None:
            raise CustomerNotFound()
        return customer


async def _current(uow: UnitOfWork, customer_id: UUID, expected_version: int | None) -> Customer:
    """The customer as the client last read it: 404 when absent, 428/412 on the version."""
    customer = await uow.customers.get(customer_id)
    if customer is None:
        raise CustomerNotFound()
    check_version(expected_version, customer.version)
    return customer


class UpdateCustomer:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(
        self, customer_id: UUID, expected_version: int | None, email: str | None, name: str | None
    ) -> Customer:
        try:
            async with self._uow as uow:
                customer = await _current(uow, customer_id, expected_version)
                customer.change(email, name)
                if not await uow.customers.save(customer, customer.version - 1):
                    raise PreconditionFailed()
                await uow.commit()
        except CustomerEmailTaken:
            raise
        except Conflict as error:
            raise CustomerEmailTaken() from error
        return customer


class DeleteCustomer:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, customer_id: UUID, expected_version: int | None) -> None:
        try:
            async with self._uow as uow:
                customer = await _current(uow, customer_id, expected_version)
                if not await uow.customers.delete(customer_id, customer.version):
                    raise PreconditionFailed()
                await uow.commit()
        except Conflict as error:
            raise CustomerInUse() from error
