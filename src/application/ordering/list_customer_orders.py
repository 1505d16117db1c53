"""Use case: a page of one customer's orders, filtered like every order list.

One read-only transaction: the customer must exist in the caller's tenant (another
tenant's customer is a 404, exactly like a missing one), then one page query and a count.
"""

from __future__ import annotations

from dataclasses import replace
from uuid import UUID

from domain.ordering.errors import BuyerNotFound
from domain.ordering.ports import Buyers, OrderFilter, OrderViews
from domain.shared.listing import ListQuery
from domain.shared.pagination import JoinedPage
from domain.shared.unit_of_work import UnitOfWork


class ListCustomerOrders:
    def __init__(self, uow: UnitOfWork, buyers: Buyers, views: OrderViews) -> None:
        self._uow = uow
        self._buyers = buyers
        self._views = views

    async def __call__(self, customer_id: UUID, where: OrderFilter, query: ListQuery) -> JoinedPage:
        async with self._uow:
            if await self._buyers.get(customer_id) is None:
                raise BuyerNotFound()
            return await self._views.documents(replace(where, customer_id=customer_id), query)
