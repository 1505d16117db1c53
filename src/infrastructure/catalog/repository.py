"""SQLAlchemy adapter of ``ProductRepository``; every statement filters by the tenant."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import ColumnElement, delete, select, update

from domain.catalog.ports import ProductFilter
from domain.catalog.product import Product
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from infrastructure.catalog.orm import ProductRow
from infrastructure.database.tenant_session import TenantSession
from infrastructure.persistence.listing import fetch_page

_FIELDS = (
    "sku",
    "name",
    "description",
    "currency",
    "unit_price_minor",
    "stock_quantity",
    "active",
    "version",
    "updated_at",
)


def _entity(row: ProductRow) -> Product:
    return Product(
        row.id,
        row.tenant_id,
        row.sku,
        row.name,
        row.description,
        row.currency,
        row.unit_price_minor,
        row.stock_quantity,
        row.active,
        row.version,
        row.created_at,
        row.updated_at,
    )


class SqlaProductRepository:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    def _mine(self, product_id: UUID) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
        return ProductRow.tenant_id == self._db.tenant_id, ProductRow.id == product_id

    async def add(self, product: Product) -> None:
        session = self._db.session
        session.add(
            ProductRow(
                tenant_id=product.tenant_id,
                id=product.id,
                created_at=product.created_at,
                **{name: getattr(product, name) for name in _FIELDS},
            )
        )
        await session.flush()

    async def get(self, product_id: UUID) -> Product | None:
        row = await self._db.session.scalar(select(ProductRow).where(*self._mine(product_id)))
        return None if row is None else _entity(row)

    async def list(self, where: ProductFilter, query: ListQuery) -> Page[Product]:
        conditions: list[ColumnElement[bool]] = [ProductRow.tenant_id == self._db.tenant_id]
        if where.active is not None:
            conditions.append(ProductRow.active.is_(where.active))
        if where.sku is not None:
            conditions.append(ProductRow.sku == where.sku)
        rows, total = await fetch_page(
            self._db.session, select(ProductRow), ProductRow, conditions, query
        )
        return Page.window([_entity(r[0]) for r in rows], total, query.page)

    async def save(self, product: Product, expected_version: int) -> bool:
        result = await self._db.session.execute(
            update(ProductRow)
            .where(*self._mine(product.id), ProductRow.version == expected_version)
            .values({name: getattr(product, name) for name in _FIELDS})
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def delete(self, product_id: UUID, expected_version: int) -> bool:
        result = await self._db.session.execute(
            delete(ProductRow)
            .where(*self._mine(product_id), ProductRow.version == expected_version)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))
