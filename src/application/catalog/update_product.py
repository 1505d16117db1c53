"""Use case: owners and admins change a product.

One transaction; a compare-and-set on the version the client read (its ETag): missing is a
428, stale a 412, a taken SKU a 409.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.catalog.current_product import current_product
from application.shared.permissions import require_admin
from domain.catalog.errors import SkuTaken
from domain.catalog.ports import ProductRepository
from domain.catalog.product import Product
from domain.shared.actor import Actor
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWork
from domain.shared.versioning import PreconditionFailed


class UpdateProduct:
    def __init__(self, uow: UnitOfWork, products: ProductRepository) -> None:
        self._uow = uow
        self._products = products

    async def __call__(
        self,
        actor: Actor,
        product_id: UUID,
        expected_version: int | None,
        changes: dict[str, Any],
    ) -> Product:
        require_admin(actor, "change the catalog")
        try:
            async with self._uow as uow:
                product = await current_product(self._products, product_id, expected_version)
                product.change(**changes)
                if not await self._products.save(product, product.version - 1):
                    raise PreconditionFailed()
                await uow.commit()
        except SkuTaken:
            raise
        except Conflict as error:
            raise SkuTaken() from error
        return product
