"""Adapters of ordering's ``ProductPrices`` and ``StockLedger`` over the catalog's
``products`` table (an anti-corruption layer: ordering's domain never sees a ``Product``).

Every statement filters by the transaction's tenant. A reservation is one conditional
``UPDATE``, so concurrent orders can never oversell; it moves the product's version too,
so an ETag read before the reservation no longer matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import select, update

from domain.ordering.ports import PricedProduct
from infrastructure.catalog.orm import ProductRow
from infrastructure.database.tenant_session import TenantSession


class SqlaProductPrices:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def for_products(self, product_ids: Sequence[UUID]) -> dict[UUID, PricedProduct]:
        rows = await self._db.session.execute(
            select(
                ProductRow.id, ProductRow.currency, ProductRow.unit_price_minor, ProductRow.active
            ).where(ProductRow.tenant_id == self._db.tenant_id, ProductRow.id.in_(product_ids))
        )
        return {row.id: PricedProduct(*row) for row in rows}


class SqlaStockLedger:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def reserve(self, product_id: UUID, quantity: int) -> bool:
        result = await self._db.session.execute(
            update(ProductRow)
            .where(
                ProductRow.tenant_id == self._db.tenant_id,
                ProductRow.id == product_id,
                ProductRow.stock_quantity >= quantity,
            )
            .values(
                stock_quantity=ProductRow.stock_quantity - quantity, version=ProductRow.version + 1
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def release(self, product_id: UUID, quantity: int) -> None:
        await self._db.session.execute(
            update(ProductRow)
            .where(ProductRow.tenant_id == self._db.tenant_id, ProductRow.id == product_id)
            .values(
                stock_quantity=ProductRow.stock_quantity + quantity, version=ProductRow.version + 1
            )
            .execution_options(synchronize_session=False)
        )
