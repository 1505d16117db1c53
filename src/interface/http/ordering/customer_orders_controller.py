"""One customer's orders: ``GET /customers/{customer_id}/orders``, paged and filtered like
``GET /orders``. Owned by ordering (it lists orders); the customer is read through
ordering's own ``Buyers`` port."""

from __future__ import annotations

from uuid import UUID

from dishka.integrations.litestar import FromDishka
from litestar import Controller, get
from litestar.params import FromPath
from litestar.response.base import ASGIResponse

from application.ordering.list_customer_orders import ListCustomerOrders
from interface.http.listing import Instant, list_query
from interface.http.ordering.filters import (
    DEFAULT_ORDER,
    SORTABLE,
    OrderBy,
    StatusFilter,
    order_filter,
)
from interface.http.ordering.order_answers import ORDER_PAGE, page_answer
from interface.http.pagination import Limit, Offset


class CustomerOrdersController(Controller):
    path = "/customers/{customer_id:str}/orders"
    tags = ["ordering"]

    @get("/", responses=ORDER_PAGE)
    async def list_customer_orders(
        self,
        customer_id: FromPath[UUID],
        list_orders: FromDishka[ListCustomerOrders],
        limit: Limit = 50,
        offset: Offset = 0,
        order_by: OrderBy = None,
        status: StatusFilter = None,
        created_from: Instant = None,
        created_to: Instant = None,
    ) -> ASGIResponse:
        """The customer's orders, newest first by default; another tenant's customer is a
        404."""
        query = list_query(limit, offset, order_by, SORTABLE, DEFAULT_ORDER)
        page = await list_orders(customer_id, order_filter(status, created_from, created_to), query)
        return page_answer(page)
