"""Service: the customer as the client last read it, inside the caller's transaction."""

from __future__ import annotations

from uuid import UUID

from domain.customers.customer import Customer
from domain.customers.errors import CustomerNotFound
from domain.customers.ports import CustomerRepository
from domain.shared.versioning import check_version


async def current_customer(
    customers: CustomerRepository, customer_id: UUID, expected_version: int | None
) -> Customer:
    """404 when absent (or another tenant's), 428 without a version, 412 when stale."""
    customer = await customers.get(customer_id)
    if customer is None:
        raise CustomerNotFound()
    check_version(expected_version, customer.version)
    return customer
