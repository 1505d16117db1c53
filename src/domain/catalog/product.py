"""A product of a tenant's catalog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.shared.clock import utc_now
from domain.shared.errors import FieldError, Unprocessable
from domain.shared.ids import new_id
from domain.shared.money import check_amount, parse_currency
from domain.shared.text import check_text

MAX_STOCK = 2**31 - 1


def _text(value: str, field: str, low: int, high: int, multiline: bool = False) -> str:
    clean = check_text(value, field, multiline=multiline).strip()
    if not low <= len(clean) <= high:
        raise Unprocessable(
            f"The {field} is invalid.", (FieldError(field, f"must be {low}-{high} characters"),)
        )
    return clean


def _stock(value: int) -> int:
    if not 0 <= value <= MAX_STOCK:
        raise Unprocessable(
            "The stock is invalid.", (FieldError("stock_quantity", "must be 0 or more"),)
        )
    return value


@dataclass(slots=True)
class Product:
    id: UUID
    tenant_id: UUID
    sku: str
    name: str
    description: str
    currency: str
    unit_price_minor: int
    stock_quantity: int
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def create(
        cls,
        tenant_id: UUID,
        sku: str,
        name: str,
        description: str,
        currency: str,
        unit_price_minor: int,
        stock_quantity: int,
        active: bool = True,
    ) -> Product:
        now = utc_now()
        return cls(
            new_id(),
            tenant_id,
            _text(sku, "sku", 1, 64),
            _text(name, "name", 1, 200),
            _text(description, "description", 0, 2000, multiline=True),
            parse_currency(currency),
            check_amount(unit_price_minor, "unit_price_minor"),
            _stock(stock_quantity),
            active,
            1,
            now,
            now,
        )

    def change(self, **fields: object) -> None:
        """Apply validated changes to the given fields and bump the version."""
        setters: dict[str, Callable[[object], object]] = {
            "sku": lambda v: _text(str(v), "sku", 1, 64),
            "name": lambda v: _text(str(v), "name", 1, 200),
            "description": lambda v: _text(str(v), "description", 0, 2000, multiline=True),
            "currency": lambda v: parse_currency(str(v)),
            "unit_price_minor": lambda v: check_amount(int(str(v)), "unit_price_minor"),
            "stock_quantity": lambda v: _stock(int(str(v))),
            "active": bool,
        }
        unknown = set(fields) - set(setters)
        if unknown:
            raise ValueError(f"not product fields: {sorted(unknown)}")
        for name, value in fields.items():
            setattr(self, name, setters[name](value))
        self.version += 1
        self.updated_at = utc_now()
