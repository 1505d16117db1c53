"""Dishka provider of the catalog context (part of the composition root)."""

from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from application.catalog.create_product import CreateProduct
from application.catalog.delete_product import DeleteProduct
from application.catalog.get_product import GetProduct
from application.catalog.list_products import ListProducts
from application.catalog.update_product import UpdateProduct
from domain.catalog.ports import ProductRepository
from infrastructure.catalog.repository import SqlaProductRepository


class CatalogProvider(Provider):
    """The repository and use cases, built per request on its tenant-bound session."""

    scope = Scope.REQUEST

    products = provide(SqlaProductRepository, provides=ProductRepository)
    use_cases = provide_all(CreateProduct, ListProducts, GetProduct, UpdateProduct, DeleteProduct)
