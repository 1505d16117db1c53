"""Use case: owners and admins delete a product that no order names (one transaction,
compare-and-set on the version the client read)."""

from __future__ import annotations

from uuid import UUID

from application.catalog.current_product import current_product
from application.shared.permissions import require_admin
from domain.catalog.errors import ProductInUse
from domain.catalog.ports import ProductRepository
from domain.shared.actor import Actor
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWork
from domain.shared.versioning import PreconditionFailed


class DeleteProduct:
    def __init__(self, uow: UnitOfWork, products: ProductRepository) -> None:
        self._uow = uow
        self._products = products

    async def __call__(self, actor: Actor, product_id: UUID, expected_version: int | None) -> None:
        require_admin(actor, "change the catalog")
        try:
            async with self._uow as uow:
                product = await current_product(self._products, product_id, expected_version)
                if not await self._products.delete(product_id, product.version):
                    raise PreconditionFailed()
                await uow.commit()
        except Conflict as error:
            raise ProductInUse() from error
