"""Orders: place (idempotent), read, list, cancel, fulfil, retry payment."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, Response, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.response.base import ASGIResponse
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from application.idempotency.idempotent_requests import IdempotentRequests
from application.ordering.cancel_order import CancelOrder
from application.ordering.drafting import LineRequest
from application.ordering.fulfil_order import FulfilOrder
from application.ordering.get_order import GetOrder
from application.ordering.list_orders import ListOrders
from application.ordering.place_order import OrderRequest, PlaceOrder
from application.ordering.retry_payment import RetryPayment
from domain.ordering.order import Order
from domain.ordering.views import OrderView, view_of
from domain.shared.actor import Actor
from interface.http.created import created_or_not
from interface.http.etag import etag
from interface.http.idempotency import IdempotencyKey, idempotent
from interface.http.listing import Instant, list_query
from interface.http.openapi_errors import problems
from interface.http.ordering.filters import (
    DEFAULT_ORDER,
    SORTABLE,
    OrderBy,
    StatusFilter,
    order_filter,
)
from interface.http.ordering.order_answers import (
    ORDER_PAGE,
    order_answer,
    order_response,
    page_answer,
)
from interface.http.ordering.schemas import OrderIn, OrderOut, PaymentIn
from interface.http.pagination import Limit, Offset

ORDER_ONE = {
    200: ResponseSpec(OrderOut, description="The order, with its ETag", generate_examples=False)
}
ORDER_CHANGE = {**ORDER_ONE, **problems(409, 503)}


def _answer(view: OrderView, status: int = HTTP_200_OK) -> Response[Any]:
    order = OrderOut.of(view)
    headers = {"ETag": etag(order.version), **created_or_not(status, "/orders", order.id)}
    return Response(order, status_code=status, headers=headers)


async def _one(get_order: GetOrder, order_id: UUID, status: int = HTTP_200_OK) -> Response[Any]:
    document = await get_order(order_id)
    return order_response(document, status, created_or_not(status, "/orders", document.id))


def _in_hand(order: Order, status: int = HTTP_200_OK) -> Response[Any]:
    """The answer from the order the use case committed (no read after the write)."""
    return _answer(view_of(order), status)


class OrdersController(Controller):
    path = "/orders"
    tags = ["ordering"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        responses={
            201: ResponseSpec(
                OrderOut,
                description=(
                    "The order, paid; or, to a retry of a request that failed after the order"
                    " was committed, the order as it is now (Idempotent-Replayed: true)"
                ),
                generate_examples=False,
            ),
            **problems(402, 409, 422, 503),
        },
    )
    async def place_order(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[OrderIn],
        actor: FromDishka[Actor],
        place: FromDishka[PlaceOrder],
        get_order: FromDishka[GetOrder],
        requests: FromDishka[IdempotentRequests],
        idempotency_key: IdempotencyKey,
    ) -> Response[Any]:
        """Place and pay an order: 201 paid, 402 declined, 503 gateway down (order kept).

        A retry with the key of a request that failed unexpectedly after committing the
        order answers that order as it is now (201); it never places a second one."""
        order_request = OrderRequest(
            data.customer_id,
            tuple(LineRequest(line.product_id, line.quantity) for line in data.lines),
            data.payment_token,
        )

        async def recover(order_id: UUID) -> Response[Any]:
            return await _one(get_order, order_id, HTTP_201_CREATED)

        return await idempotent(
            request,
            actor,
            idempotency_key,
            data,
            requests,
            lambda: place(actor, order_request),
            lambda order: _in_hand(order, HTTP_201_CREATED),
            recover,
        )

    @get("/", responses=ORDER_PAGE)
    async def list_orders(
        self,
        list_orders: FromDishka[ListOrders],
        limit: Limit = 50,
        offset: Offset = 0,
        order_by: OrderBy = None,
        status: StatusFilter = None,
        customer_id: Annotated[UUID | None, QueryParameter(required=False)] = None,
        created_from: Instant = None,
        created_to: Instant = None,
    ) -> ASGIResponse:
        query = list_query(limit, offset, order_by, SORTABLE, DEFAULT_ORDER)
        page = await list_orders(order_filter(status, created_from, created_to, customer_id), query)
        return page_answer(page)

    @get("/{order_id:str}", responses=ORDER_ONE)
    async def get_order(
        self, order_id: FromPath[UUID], get_order: FromDishka[GetOrder]
    ) -> ASGIResponse:
        """The answer ready-made (``JsonAnswer``) from the stored document: the hot read
        (issue 13)."""
        return order_answer(await get_order(order_id))

    @post("/{order_id:str}/cancel", status_code=HTTP_200_OK, responses=ORDER_CHANGE)
    async def cancel_order(
        self,
        order_id: FromPath[UUID],
        actor: FromDishka[Actor],
        cancel: FromDishka[CancelOrder],
    ) -> Response[Any]:
        """Cancel; a paid order is refunded and its stock restored."""
        return _in_hand(await cancel(actor, order_id))

    @post("/{order_id:str}/fulfil", status_code=HTTP_200_OK, responses=ORDER_CHANGE)
    async def fulfil_order(
        self,
        order_id: FromPath[UUID],
        actor: FromDishka[Actor],
        fulfil: FromDishka[FulfilOrder],
    ) -> Response[Any]:
        return _in_hand(await fulfil(actor, order_id))

    @post(
        "/{order_id:str}/payments",
        status_code=HTTP_200_OK,
        responses={**ORDER_CHANGE, **problems(402)},
    )
    async def retry_payment(
        self,
        order_id: FromPath[UUID],
        data: JSONBody[PaymentIn],
        retry: FromDishka[RetryPayment],
    ) -> Response[Any]:
        """Retry a failed or pending payment with a new token: 200 paid, 402, 503."""
        return _in_hand(await retry(order_id, data.payment_token))
