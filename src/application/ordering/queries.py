"""Read use cases of orders: one short transaction, one statement (plus a count)."""

from __future__ import annotations

from uuid import UUID

from domain.ordering.errors import OrderNotFound
from domain.ordering.ports import OrderFilter, OrderReader
from domain.ordering.views import OrderView
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from domain.shared.unit_of_work import UnitOfWork


class GetOrder:
    """One read-only transaction on the reader's hot path (see ``OrderReader``)."""

    def __init__(self, reader: OrderReader) -> None:
        self._reader = reader

    async def __call__(self, order_id: UUID) -> OrderView:
        view = await self._reader.get(order_id)
        if view is None:
            raise OrderNotFound()
        return view


class ListOrders:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def __call__(self, where: OrderFilter, query: ListQuery) -> Page[OrderView]:
        async with self._uow as uow:
            return await uow.order_views.list(where, query)
