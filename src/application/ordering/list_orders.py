"""Use case: a page of the caller's orders, filtered, on the read side's hot path (one
statement in a short read-only transaction of its own; see ``OrderViews``)."""

from __future__ import annotations

from domain.ordering.ports import OrderFilter, OrderViews
from domain.shared.listing import ListQuery
from domain.shared.pagination import JoinedPage


class ListOrders:
    def __init__(self, views: OrderViews) -> None:
        self._views = views

    async def __call__(self, where: OrderFilter, query: ListQuery) -> JoinedPage:
        return await self._views.documents(where, query)
