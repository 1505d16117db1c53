"""Use cases on the catalog: members read, owners and admins write.

Each runs one transaction in the request's unit of work (the caller's tenant). Changes are
compare-and-set on the version the client read (its ETag): missing is a 428, stale a 412.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from application.shared.permissions import require_admin
from domain.catalog.ports import ProductFilter
from domain.catalog.product import Product
from domain.identity.principal import Principal
from domain.shared.errors import Conflict, NotFound
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from domain.shared.unit_of_work import UnitOfWork
from domain.shared.versioning import PreconditionFailed, check_version


class ProductNotFound(NotFound):
    default_detail = "The product was not found."


class SkuTaken(Conflict):
    default_detail = "A product with this SKU already exists."


class ProductInUse(Conflict):
    default_detail = "The product is on orders and cannot be deleted; deactivate it instead."


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
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, actor: Principal, draft: ProductDraft) -> Product:
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
                await uow.products.add(product)
                await uow.commit()
        except Conflict as error:
            raise SkuTaken() from error
        return product


class ListProducts:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, where: ProductFilter, query: ListQuery) -> Page[Product]:
        async with self._uow as uow:
            return await uow.products.list(where, query)


class GetProduct:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, product_id: UUID) -> Product:
        async with self._uow as uow:
            product = await uow.products.get(product_id)
        if product is None:
            raise ProductNotFound()
        return product


async def _current(uow: UnitOfWork, product_id: UUID, expected_version: int | None) -> Product:
    """The product as the client last read it: 404 when absent, 428/412 on the version."""
    product = await uow.products.get(product_id)
    if product is None:
        raise ProductNotFound()
    check_version(expected_version, product.version)
    return product


class UpdateProduct:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(
        self,
        actor: Principal,
        product_id: UUID,
        expected_version: int | None,
        changes: dict[str, Any],
    ) -> Product:
        require_admin(actor, "change the catalog")
        try:
            async with self._uow as uow:
                product = await _current(uow, product_id, expected_version)
                product.change(**changes)
                if not await uow.products.save(product, product.version - 1):
                    raise PreconditionFailed()
                await uow.commit()
        except SkuTaken:
            raise
        except Conflict as error:
            raise SkuTaken() from error
        return product


class DeleteProduct:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(
        self, actor: Principal, product_id: UUID, expected_version: int | None
    ) -> None:
        require_admin(actor, "change the catalog")
        try:
            async with self._uow as uow:
                product = await _current(uow, product_id, expected_version)
                if not await uow.products.delete(product_id, product.version):
                    raise PreconditionFailed()
                await uow.commit()
        except Conflict as error:
            raise ProductInUse() from error
