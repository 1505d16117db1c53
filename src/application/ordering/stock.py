"""Service: stock reservations of an order's lines, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol
from uuid import UUID

from domain.ordering.errors import OutOfStock
from domain.ordering.order import Order
from domain.ordering.ports import PricedProduct, StockLedger


class Wanted(Protocol):
    """A line as far as stock goes: a requested line or an order's line."""

    @property
    def product_id(self) -> UUID: ...

    @property
    def quantity(self) -> int: ...


def quantities(lines: Iterable[Wanted]) -> dict[UUID, int]:
    """Each product's total quantity over ``lines``, in the order the products first appear."""
    totals: dict[UUID, int] = {}
    for line in lines:
        totals[line.product_id] = totals.get(line.product_id, 0) + line.quantity
    return totals


def out_of_stock(lines: Iterable[Wanted], taken: Mapping[UUID, object]) -> OutOfStock:
    """The shortage, naming the first line whose product was not taken."""
    for number, line in enumerate(lines):
        if line.product_id not in taken:
            return OutOfStock(
                f"lines[{number}]: not enough stock for {line.quantity} of product "
                f"{line.product_id}."
            )
    raise ValueError("every product was taken")


class StockReservations:
    def __init__(self, ledger: StockLedger) -> None:
        self._ledger = ledger

    async def reserve(self, order: Order) -> dict[UUID, PricedProduct]:
        """Take every line's quantity in one step (concurrent orders never oversell); a
        shortage raises ``OutOfStock`` and the caller's transaction rolls back."""
        taken = await self._ledger.take(quantities(order.lines))
        if len(taken) < len(quantities(order.lines)):
            raise out_of_stock(order.lines, taken)
        return taken

    async def release(self, order: Order) -> None:
        await self._ledger.release(quantities(order.lines))
