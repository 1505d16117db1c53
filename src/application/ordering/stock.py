"""Service: stock reservations of an order's lines, inside the caller's transaction."""

from __future__ import annotations

from domain.ordering.errors import OutOfStock
from domain.ordering.order import Order
from domain.ordering.ports import StockLedger


class StockReservations:
    def __init__(self, ledger: StockLedger) -> None:
        self._ledger = ledger

    async def reserve(self, order: Order) -> None:
        """Take every line's quantity; each take is one conditional UPDATE, so concurrent
        orders never oversell. A shortage rolls the whole transaction back."""
        for number, line in enumerate(order.lines):
            if not await self._ledger.reserve(line.product_id, line.quantity):
                raise OutOfStock(
                    f"lines[{number}]: not enough stock for {line.quantity} of product "
                    f"{line.product_id}."
                )

    async def release(self, order: Order) -> None:
        for line in order.lines:
            await self._ledger.release(line.product_id, line.quantity)
