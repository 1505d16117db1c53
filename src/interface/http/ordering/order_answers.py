"""Answers made of the orders' stored documents: the JSON PostgreSQL returns is sent as
it is, an order alone (``OrderDocument``) or a page's items joined (``JoinedPage``),
never decoded into views and encoded again (issue 13). A document is ``OrderOut``'s
encoding, field for field (``tests/unit/test_order_documents.py``); the OpenAPI document
describes these answers through the routes' ``responses``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec
from litestar import MediaType, Response
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_200_OK

from domain.ordering.views import OrderDocument
from domain.shared.pagination import JoinedPage
from interface.http.etag import etag
from interface.http.json_answer import JsonAnswer
from interface.http.ordering.schemas import OrderOut
from interface.http.pagination import PageOut

ORDER_PAGE = {
    HTTP_200_OK: ResponseSpec(
        PageOut[OrderOut],
        description="Request fulfilled, document follows",
        generate_examples=False,
    )
}
"""A page of orders, as the OpenAPI document described it when Litestar encoded it."""


def order_answer(document: OrderDocument) -> JsonAnswer:
    """The order, with its ETag."""
    return JsonAnswer(document.json.encode(), headers={"ETag": etag(document.version)})


def order_response(
    document: OrderDocument, status: int, headers: Mapping[str, str]
) -> Response[Any]:
    """The order as a ``Response`` (for what adds headers to it afterwards: a replay)."""
    sent = {"ETag": etag(document.version), **headers}
    return Response(
        document.json.encode(), status_code=status, headers=sent, media_type=MediaType.JSON
    )


class _JoinedPageOut(msgspec.Struct, frozen=True):
    """``PageOut``'s fields in its order, the items one ready JSON array."""

    items: msgspec.Raw
    has_more: bool
    total: int | None
    limit: int
    offset: int


def page_answer(page: JoinedPage) -> JsonAnswer:
    """The page, its items the orders' documents as PostgreSQL joined them."""
    items = msgspec.Raw(f"[{page.joined}]")
    return JsonAnswer(_JoinedPageOut(items, page.has_more, page.total, page.limit, page.offset))
