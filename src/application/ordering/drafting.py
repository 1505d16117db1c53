"""Service: turn the lines of a place-order request into a valid pending order (step 1 of
PlaceOrder).

Checks, naming the bad line in every error: at least one line, quantities above zero
(400); each product exists in this tenant and is active, one currency, the customer exists
(422: another tenant's id is indistinguishable from a missing one). Prices are
frozen from the catalog at this moment. Runs inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from domain.ordering.order import Order, OrderLine
from domain.ordering.ports import Buyers, PricedProduct, ProductPrices
from domain.shared.errors import FieldError, Unprocessable, ValidationFailed

MAX_LINES = 100
MAX_QUANTITY = 1_000_000


@dataclass(frozen=True, slots=True)
class LineRequest:
    product_id: UUID
    quantity: int


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(f"{field}: {message}", (FieldError(field, message),))


def _unprocessable(field: str, message: str) -> Unprocessable:
    return Unprocessable(f"{field}: {message}", (FieldError(field, message),))


class OrderDrafting:
    def __init__(self, prices: ProductPrices, buyers: Buyers) -> None:
        self._prices = prices
        self._buyers = buyers

    async def draft(
        self, tenant_id: UUID, customer_id: UUID, requested: Sequence[LineRequest]
    ) -> Order:
        if not 1 <= len(requested) <= MAX_LINES:
            raise _invalid("lines", f"send 1 to {MAX_LINES} lines")
        for number, line in enumerate(requested):
            if not 1 <= line.quantity <= MAX_QUANTITY:
                raise _invalid(f"lines[{number}].quantity", f"must be 1 to {MAX_QUANTITY}")
        if await self._buyers.get(customer_id) is None:
            raise _unprocessable("customer_id", "no such customer")
        products = await self._prices.for_products([line.product_id for line in requested])
        currency, lines = _priced_lines(requested, products)
        return Order.place(tenant_id, customer_id, currency, lines)


def _priced_lines(
    requested: Sequence[LineRequest], products: dict[UUID, PricedProduct]
) -> tuple[str, list[OrderLine]]:
    """The order's one currency and its lines at today's prices, or a 422 naming the line."""
    lines: list[OrderLine] = []
    currencies: set[str] = set()
    for number, line in enumerate(requested):
        product = products.get(line.product_id)
        if product is None:
            raise _unprocessable(f"lines[{number}].product_id", "no such product")
        if not product.active:
            raise _unprocessable(f"lines[{number}].product_id", "the product is not active")
        currencies.add(product.currency)
        if len(currencies) > 1:
            raise _unprocessable(f"lines[{number}].product_id", "all products need one currency")
        lines.append(OrderLine(product.id, line.quantity, product.unit_price_minor))
    return currencies.pop(), lines
