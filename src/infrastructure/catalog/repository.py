"""SQLAlchemy adapter of ``ProductRepository``; every statement filters by the tenant."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.ports import ProductFilter
from domain.catalog.product import Product
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from infrastructure.catalog.orm import ProductRow
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
    def __init__(self, session: AsyncSession, tenant_id: UUID | None) -> None:
        self._session = session
        self._tenant_id = tenant_id

    def _mine(self, product_id: UUID) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
        return ProductRow.tenant_id == self._tenant_id, ProductRow.id == product_id

    async def add(self, product: Product) -> None:
        self._session.add(
            ProductRow(
                tenant_id=product.tenant_id,
                id=product.id,
                created_at=product.created_at,
                **{name: getattr(product, name) for name in _FIELDS},
            )
        )
        await self._session.flush()

    async def get(self, product_id: UUID) -> Product | None:
        row = await self._session.scalar(select(ProductRow).where(*self._mine(product_id)))
        return None if row is None else _entity(row)

    async def get_many(self, product_ids: Sequence[UUID]) -> dict[UUID, Product]:
        rows = await self._session.scalars(
            select(ProductRow).where(
                ProductRow.tenant_id == self._tenant_id, ProductRow.id.in_(list(product_ids))
            )
        )
        return {row.id: _entity(row) for row in rows}

    async def list(self, where: ProductFilter, query: ListQuery) -> Page[Product]:
        conditions: list[ColumnElement[bool]] = [ProductRow.tenant_id == self._tenant_id]
        if where.active is not None:
            conditions.append(ProductRow.active.is_(where.active))
        if where.sku is not None:
            conditions.append(ProductRow.sku == where.sku)
        rows, total = await fetch_page(self._session, ProductRow, conditions, query)
        return Page([_entity(r) for r in rows], total, query.page.limit, query.page.offset)

    async def save(self, product: Product, expected_version: int) -> bool:
        result = await self._session.execute(
            update(ProductRow)
            .where(*self._mine(product.id), ProductRow.version == expected_version)
            .values({name: getattr(product, name) for name in _FIELDS})
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def delete(self, product_id: UUID, expected_version: int) -> bool:
        result = await self._session.execute(
            delete(ProductRow)
            .where(*self._mine(product_id), ProductRow.version == expected_version)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def reserve(self, product_id: UUID, quantity: int) -> bool:
        """One conditional UPDATE: concurrent reservations can never oversell. The version
        moves too, so an ETag read before the reservation no longer matches."""
        result = await self._session.execute(
            update(ProductRow)
            .where(*self._mine(product_id), ProductRow.stock_quantity >= quantity)
            .values(
                stock_quantity=ProductRow.stock_quantity - quantity, version=ProductRow.version + 1
            )
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def release(self, product_id: UUID, quantity: int) -> None:
        await self._session.execute(
            update(ProductRow)
            .where(*self._mine(product_id))
            .values(
                stock_quantity=ProductRow.stock_quantity + quantity, version=ProductRow.version + 1
            )
            .execution_options(synchronize_session=False)
        )
