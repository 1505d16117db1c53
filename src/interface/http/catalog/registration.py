"""The catalog context's registration: products and their provider."""

from __future__ import annotations

from interface.http.catalog.products_controller import ProductsController
from interface.http.catalog.provider import CatalogProvider
from interface.http.registration import ContextRegistration

CATALOG = ContextRegistration(
    name="catalog", api_handlers=(ProductsController,), providers=(CatalogProvider,)
)
