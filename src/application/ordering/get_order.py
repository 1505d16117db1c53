"""Use case: one order as the API shows it, on the read side's hot path (its own short
read-only transaction; see ``OrderViews``)."""

from __future__ import annotations

from uuid import UUID

from domain.ordering.errors import OrderNotFound
from domain.ordering.ports import OrderViews
from domain.ordering.views import OrderDocument


class GetOrder:
    def __init__(self, views: OrderViews) -> None:
        self._views = views

    async def __call__(self, order_id: UUID) -> OrderDocument:
        document = await self._views.document(order_id)
        if document is None:
            raise OrderNotFound()
        return document
