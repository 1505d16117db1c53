"""Wire schemas of products."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from domain.catalog.product import Product
from interface.http.example_values import PRODUCT_ADDED_AT, PRODUCT_ID
from interface.http.input_schema import InputStruct
from interface.http.money_schema import Currency, CurrencyCode, CurrencyOut, Minor

Sku = Annotated[str, msgspec.Meta(min_length=1, max_length=64, examples=["SKU-1042"])]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Description = Annotated[str, msgspec.Meta(max_length=2000)]
Stock = Annotated[int, msgspec.Meta(ge=0, le=2**31 - 1)]


class ProductIn(InputStruct, forbid_unknown_fields=True):
    multiline = frozenset({"description"})

    sku: Sku
    name: Name
    currency: Currency
    unit_price_minor: Minor
    stock_quantity: Stock
    description: Description = ""
    active: bool = True

    @classmethod
    def example(cls) -> ProductIn:
        return cls(
            sku="SKU-1042",
            name="Espresso beans 1 kg",
            currency=CurrencyCode("EUR"),
            unit_price_minor=1850,
            stock_quantity=120,
            description="Single-origin arabica from Huila, Colombia; medium roast.",
        )


class ProductPatch(InputStruct, forbid_unknown_fields=True, omit_defaults=True):
    multiline = frozenset({"description"})

    sku: Sku | msgspec.UnsetType = msgspec.UNSET
    name: Name | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType = msgspec.UNSET
    currency: Currency | msgspec.UnsetType = msgspec.UNSET
    unit_price_minor: Minor | msgspec.UnsetType = msgspec.UNSET
    stock_quantity: Stock | msgspec.UnsetType = msgspec.UNSET
    active: bool | msgspec.UnsetType = msgspec.UNSET

    @classmethod
    def example(cls) -> ProductPatch:
        return cls(unit_price_minor=1950, stock_quantity=200)

    def changes(self) -> dict[str, object]:
        return {
            f: v for f in self.__struct_fields__ if (v := getattr(self, f)) is not msgspec.UNSET
        }


class ProductOut(msgspec.Struct, frozen=True):
    id: UUID
    sku: str
    name: str
    description: str
    currency: CurrencyOut
    unit_price_minor: int
    stock_quantity: int
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def example(cls) -> ProductOut:
        new = ProductIn.example()
        return cls(
            PRODUCT_ID, new.sku, new.name, new.description, new.currency, new.unit_price_minor,
            new.stock_quantity, new.active, 1, PRODUCT_ADDED_AT, PRODUCT_ADDED_AT,
        )  # fmt: skip

    @classmethod
    def of(cls, p: Product) -> ProductOut:
        return cls(
            p.id,
            p.sku,
            p.name,
            p.description,
            p.currency,
            p.unit_price_minor,
            p.stock_quantity,
            p.active,
            p.version,
            p.created_at,
            p.updated_at,
        )
