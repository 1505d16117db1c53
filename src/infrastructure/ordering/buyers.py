"""Adapter of ordering's ``Buyers`` over the customers context's ``customers`` table (an
anti-corruption layer: ordering's domain never sees a ``Customer``)."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import bindparam, select

from domain.ordering.ports import Buyer
from infrastructure.customers.orm import CustomerRow
from infrastructure.database.tenant_session import TenantSession

_BUYER = select(CustomerRow.id, CustomerRow.email, CustomerRow.name).where(
    CustomerRow.tenant_id == bindparam("tenant_id"), CustomerRow.id == bindparam("customer_id")
)
"""Built once (the relay reads a buyer for every customer message)."""


class SqlaBuyers:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def get(self, customer_id: UUID) -> Buyer | None:
        params = {"tenant_id": self._db.tenant_id, "customer_id": customer_id}
        row = (await self._db.session.execute(_BUYER, params)).first()
        return None if row is None else Buyer(*row)
