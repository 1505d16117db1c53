"""Dishka provider of the customers context (part of the composition root)."""

from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from application.customers.create_customer import CreateCustomer
from application.customers.delete_customer import DeleteCustomer
from application.customers.get_customer import GetCustomer
from application.customers.list_customers import ListCustomers
from application.customers.update_customer import UpdateCustomer
from domain.customers.ports import CustomerRepository
from infrastructure.customers.repository import SqlaCustomerRepository


class CustomersProvider(Provider):
    """The repository and use cases, built per request on its tenant-bound session."""

    scope = Scope.REQUEST

    customers = provide(SqlaCustomerRepository, provides=CustomerRepository)
    use_cases = provide_all(
        CreateCustomer, ListCustomers, GetCustomer, UpdateCustomer, DeleteCustomer
    )
