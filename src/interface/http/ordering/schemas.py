"""Wire schemas of orders."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from domain.ordering.status import OrderStatus, PaymentStatus
from domain.ordering.views import OrderView
from interface.http.example_values import (
    CUP_SET_ID,
    CUSTOMER_ID,
    ORDER_ID,
    ORDERED_AT,
    PAID_AT,
    PRODUCT_ID,
)
from interface.http.input_schema import InputStruct
from interface.http.money_schema import CurrencyOut

Quantity = Annotated[int, msgspec.Meta(ge=1, le=1_000_000)]
Token = Annotated[str, msgspec.Meta(min_length=1, max_length=64, examples=["tok_visa"])]


class LineIn(InputStruct, forbid_unknown_fields=True):
    product_id: UUID
    quantity: Quantity

    @classmethod
    def example(cls) -> LineIn:
        return cls(PRODUCT_ID, 2)


class OrderIn(InputStruct, forbid_unknown_fields=True):
    customer_id: UUID
    lines: Annotated[list[LineIn], msgspec.Meta(min_length=1, max_length=100)]
    payment_token: Token

    @classmethod
    def example(cls) -> OrderIn:
        return cls(CUSTOMER_ID, [LineIn.example(), LineIn(CUP_SET_ID, 1)], "tok_visa")


class PaymentIn(InputStruct, forbid_unknown_fields=True):
    payment_token: Token

    @classmethod
    def example(cls) -> PaymentIn:
        return cls("tok_visa")


class LineOut(msgspec.Struct, frozen=True):
    product_id: UUID
    quantity: int
    unit_price_minor: int
    line_total_minor: int

    @classmethod
    def example(cls) -> LineOut:
        return cls.priced(PRODUCT_ID, 2, 1850)

    @classmethod
    def priced(cls, product_id: UUID, quantity: int, unit_price_minor: int) -> LineOut:
        return cls(product_id, quantity, unit_price_minor, quantity * unit_price_minor)


class PaymentOut(msgspec.Struct, frozen=True):
    status: PaymentStatus
    reference: str | None
    failure_code: str | None

    @classmethod
    def example(cls) -> PaymentOut:
        return cls(PaymentStatus.SUCCEEDED, "ch_7f3a9c1e5b2d4a6f8e0c1b2a", None)


class OrderOut(msgspec.Struct, frozen=True):
    id: UUID
    status: OrderStatus
    customer_id: UUID
    currency: CurrencyOut
    total_minor: int
    lines: list[LineOut]
    payment: PaymentOut
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def example(cls) -> OrderOut:
        lines = [LineOut.example(), LineOut.priced(CUP_SET_ID, 1, 2400)]
        total = sum(line.line_total_minor for line in lines)
        return cls(
            ORDER_ID, OrderStatus.PAID, CUSTOMER_ID, "EUR", total, lines, PaymentOut.example(),
            2, ORDERED_AT, PAID_AT,
        )  # fmt: skip

    @classmethod
    def of(cls, v: OrderView) -> OrderOut:
        return cls(
            v.id,
            OrderStatus(v.status),
            v.customer_id,
            v.currency,
            v.total_minor,
            [
                LineOut(x.product_id, x.quantity, x.unit_price_minor, x.line_total_minor)
                for x in v.lines
            ],
            PaymentOut(
                PaymentStatus(v.payment.status), v.payment.reference, v.payment.failure_code
            ),
            v.version,
            v.created_at,
            v.updated_at,
        )
