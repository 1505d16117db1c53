"""Use case: a page of the caller's catalog, filtered (one read-only transaction)."""

from __future__ import annotations

from domain.catalog.ports import ProductFilter, ProductRepository
from domain.catalog.product import Product
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from domain.shared.unit_of_work import UnitOfWork


class ListProducts:
    def __init__(self, uow: UnitOfWork, products: ProductRepository) -> None:
        self._uow = uow
        self._products = products

    async def __call__(self, where: ProductFilter, query: ListQuery) -> Page[Product]:
        async with self._uow:
            return await self._products.list(where, query)
