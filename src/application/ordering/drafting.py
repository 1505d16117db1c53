"""Service: turn the lines of a place-order request into a valid pending order with its
stock taken (step 1 of PlaceOrder).

Checks, naming the bad line in every error: at least one line, quantities above zero
(400, ``check``, before any transaction); then, in the caller's transaction, one statement
takes every product's stock and reads its price (``StockLedger.take``): each product
exists in this tenant and is active, one currency (422: another tenant's id is
indistinguishable from a missing one), and enough stock (409). Only when a product was not
taken does a second statement find out why. Prices are frozen from the catalog at this
moment. That the customer exists is checked by the order's key to it when the order is
written (the same 422 naming ``customer_id``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from application.ordering.stock import out_of_stock, quantities
from domain.ordering.order import Order, OrderLine
from domain.ordering.ports import PricedProduct, ProductPrices, StockLedger
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
    def __init__(self, stock: StockLedger, prices: ProductPrices) -> None:
        self._stock = stock
        self._prices = prices

    @staticmethod
    def check(requested: Sequence[LineRequest]) -> None:
        """The request's shape, before anything is read: a 400 naming the bad line."""
        if not 1 <= len(requested) <= MAX_LINES:
            raise _invalid("lines", f"send 1 to {MAX_LINES} lines")
        for number, line in enumerate(requested):
            if not 1 <= line.quantity <= MAX_QUANTITY:
                raise _invalid(f"lines[{number}].quantity", f"must be 1 to {MAX_QUANTITY}")

    async def draft(
        self, order_id: UUID, tenant_id: UUID, customer_id: UUID, requested: Sequence[LineRequest]
    ) -> Order:
        """The pending order ``order_id``, its stock taken, in the open transaction."""
        self.check(requested)
        wanted = quantities(requested)
        taken = await self._stock.take(wanted)
        if len(taken) < len(wanted):
            _priced_lines(requested, await self._prices.for_products(list(wanted)))
            raise out_of_stock(requested, taken)
        currency, lines = _priced_lines(requested, taken)
        return Order.place(tenant_id, customer_id, currency, lines, order_id)


def _priced_lines(
    requested: Sequence[LineRequest], products: Mapping[UUID, PricedProduct]
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
