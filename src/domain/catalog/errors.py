"""Errors of the catalog context."""

from __future__ import annotations

from domain.shared.errors import Conflict, NotFound


class ProductNotFound(NotFound):
    default_detail = "The product was not found."


class SkuTaken(Conflict):
    default_detail = "A product with this SKU already exists."


class ProductInUse(Conflict):
    default_detail = "The product is on orders and cannot be deleted; deactivate it instead."
