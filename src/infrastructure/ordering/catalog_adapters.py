"""Adapters of ordering's ``ProductPrices`` and ``StockLedger`` over the catalog's
``products`` table (an anti-corruption layer: ordering's domain never sees a ``Product``).

Every statement filters by the transaction's tenant. Taking the stock of an order's
products is one conditional ``UPDATE`` of all of them (each row only if its stock covers
its quantity), so concurrent orders can never oversell; the rows are locked first, in key
order (``SELECT ... ORDER BY id FOR UPDATE`` in the same statement, whatever plan the
update gets), so two orders, or an order and a release, of the same products cannot
deadlock.
It moves each product's version too, so an ETag read before it no longer matches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from sqlalchemy import select, text

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


_QUANTITY = "(CAST(:quantities AS integer[]))[array_position(CAST(:ids AS uuid[]), p.id)]"
_LOCKED = (
    "WITH locked AS (SELECT id FROM products"
    " WHERE tenant_id = :tenant_id AND id = ANY(CAST(:ids AS uuid[])) ORDER BY id FOR UPDATE)"
)
_TAKE = text(
    f"{_LOCKED} UPDATE products AS p SET stock_quantity = p.stock_quantity - {_QUANTITY},"
    " version = p.version + 1, updated_at = now() FROM locked"
    f" WHERE p.tenant_id = :tenant_id AND p.id = locked.id AND p.stock_quantity >= {_QUANTITY}"
    " RETURNING p.id, p.currency, p.unit_price_minor, p.active"
)
_RELEASE = text(
    f"{_LOCKED} UPDATE products AS p SET stock_quantity = p.stock_quantity + {_QUANTITY},"
    " version = p.version + 1, updated_at = now() FROM locked"
    " WHERE p.tenant_id = :tenant_id AND p.id = locked.id"
)


class SqlaStockLedger:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def take(self, wanted: Mapping[UUID, int]) -> dict[UUID, PricedProduct]:
        rows = await self._db.session.execute(_TAKE, self._params(wanted))
        return {row.id: PricedProduct(*row) for row in rows}

    async def release(self, given: Mapping[UUID, int]) -> None:
        await self._db.session.execute(_RELEASE, self._params(given))

    def _params(self, quantities: Mapping[UUID, int]) -> dict[str, object]:
        return {
            "tenant_id": self._db.tenant_id,
            "ids": list(quantities),
            "quantities": list(quantities.values()),
        }
