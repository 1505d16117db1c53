"""Ports of the catalog context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from domain.catalog.product import Product
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page


@dataclass(frozen=True, slots=True)
class ProductFilter:
    active: bool | None = None
    sku: str | None = None


class ProductRepository(Protocol):
    """Products of the current tenant; another tenant's product is simply absent."""

    async def add(self, product: Product) -> None: ...

    async def get(self, product_id: UUID) -> Product | None: ...

    async def list(self, where: ProductFilter, query: ListQuery) -> Page[Product]: ...

    async def save(self, product: Product, expected_version: int) -> bool:
        """Compare-and-set on the version; False when it changed or is not visible."""
        ...

    async def delete(self, product_id: UUID, expected_version: int) -> bool: ...
