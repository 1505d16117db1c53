"""SQLAlchemy adapter of ``CustomerRepository``; every statement filters by the tenant."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import ColumnElement, delete, select, update

from domain.customers.customer import Customer
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from infrastructure.customers.orm import CustomerRow
from infrastructure.database.tenant_session import TenantSession
from infrastructure.persistence.listing import fetch_page


def _entity(row: CustomerRow) -> Customer:
    return Customer(
        row.id, row.tenant_id, row.email, row.name, row.version, row.created_at, row.updated_at
    )


class SqlaCustomerRepository:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    def _mine(self, customer_id: UUID) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
        return CustomerRow.tenant_id == self._db.tenant_id, CustomerRow.id == customer_id

    async def add(self, customer: Customer) -> None:
        session = self._db.session
        session.add(
            CustomerRow(
                tenant_id=customer.tenant_id,
                id=customer.id,
                email=customer.email,
                name=customer.name,
                version=customer.version,
                created_at=customer.created_at,
                updated_at=customer.updated_at,
            )
        )
        await session.flush()

    async def get(self, customer_id: UUID) -> Customer | None:
        row = await self._db.session.scalar(select(CustomerRow).where(*self._mine(customer_id)))
        return None if row is None else _entity(row)

    async def list(self, query: ListQuery) -> Page[Customer]:
        where = [CustomerRow.tenant_id == self._db.tenant_id]
        rows, total = await fetch_page(
            self._db.session, select(CustomerRow), CustomerRow, where, query
        )
        return Page.window([_entity(r[0]) for r in rows], total, query.page)

    async def save(self, customer: Customer, expected_version: int) -> bool:
        result = await self._db.session.execute(
            update(CustomerRow)
            .where(*self._mine(customer.id), CustomerRow.version == expected_version)
            .values(
                email=customer.email,
                name=customer.name,
                version=customer.version,
                updated_at=customer.updated_at,
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def delete(self, customer_id: UUID, expected_version: int) -> bool:
        result = await self._db.session.execute(
            delete(CustomerRow)
            .where(*self._mine(customer_id), CustomerRow.version == expected_version)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))
