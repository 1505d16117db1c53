"""Use case: owners and admins add a product to their catalog (one transaction)."""

from __future__ import annotations

from dataclasses import dataclass

from application.shared.permissions import require_admin
from domain.catalog.errors import SkuTaken
from domain.catalog.ports import ProductRepository
from domain.catalog.product import Product
from domain.shared.actor import Actor
from domain.shared.errors import Conflict
from domain.shared.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class ProductDraft:
    sku: str
    name: str
    description: str
    currency: str
    unit_price_minor: int
    stock_quantity: int
    active: bool = True


class CreateProduct:
    def __init__(self, uow: UnitOfWork, products: ProductRepository) -> None:
        self._uow = uow
        self._products = products

    async def __call__(self, actor: Actor, draft: ProductDraft) -> Product:
        require_admin(actor, "change the catalog")
        product = Product.create(
            actor.tenant_id,
            draft.sku,
            draft.name,
            draft.description,
            draft.currency,
            draft.unit_price_minor,
            draft.stock_quantity,
            draft.active,
        )
        try:
            async with self._uow as uow:
                await self._products.add(product)
                await uow.commit()
        except Conflict as error:
            raise SkuTaken() from error
        return product
