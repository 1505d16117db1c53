"""Use case: one product of the caller's catalog; another tenant's is a 404."""

from __future__ import annotations

from uuid import UUID

from domain.catalog.errors import ProductNotFound
from domain.catalog.ports import ProductRepository
from domain.catalog.product import Product
from domain.shared.unit_of_work import UnitOfWork


class GetProduct:
    def __init__(self, uow: UnitOfWork, products: ProductRepository) -> None:
        self._uow = uow
        self._products = products

    async def __call__(self, product_id: UUID) -> Product:
        async with self._uow:
            product = await self._products.get(product_id)
        if product is None:
            raise ProductNotFound()
        return product
