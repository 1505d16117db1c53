"""Use case: a page of the caller's orders, filtered (one read-only transaction)."""

from __future__ import annotations

from domain.ordering.ports import OrderFilter, OrderViews
from domain.ordering.views import OrderView
from domain.shared.listing import ListQuery
from domain.shared.pagination import Page
from domain.shared.unit_of_work import UnitOfWork


class ListOrders:
    def __init__(self, uow: UnitOfWork, views: OrderViews) -> None:
        self._uow = uow
        self._views = views

    async def __call__(self, where: OrderFilter, query: ListQuery) -> Page[OrderView]:
        async with self._uow:
            return await self._views.list(where, query)
