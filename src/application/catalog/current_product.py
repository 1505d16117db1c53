"""Service: the product as the client last read it, inside the caller's transaction."""

from __future__ import annotations

from uuid import UUID

from domain.catalog.errors import ProductNotFound
from domain.catalog.ports import ProductRepository
from domain.catalog.product import Product
from domain.shared.versioning import check_version


async def current_product(
    products: ProductRepository, product_id: UUID, expected_version: int | None
) -> Product:
    """404 when absent (or another tenant's), 428 without a version, 412 when stale."""
    product = await products.get(product_id)
    if product is None:
        raise ProductNotFound()
    check_version(expected_version, product.version)
    return product
