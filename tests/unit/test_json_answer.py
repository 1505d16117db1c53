"""``JsonAnswer`` sends what Litestar's ``Response`` would have sent for the same struct and
headers: the same messages, byte for byte, in the same order (issue 13)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response
from litestar.response.base import ASGIResponse

from interface.http.json_answer import JsonAnswer
from interface.http.ordering.schemas import OrderOut

_SCOPE: Any = {"type": "http", "method": "GET", "path": "/", "headers": [], "state": {}}


async def _sent(answer: ASGIResponse) -> list[Any]:
    messages: list[Any] = []

    async def receive() -> Any:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        messages.append(message)

    await answer(_SCOPE, receive, send)
    return messages


async def test_an_answer_is_what_litestar_renders_for_the_same_struct_and_headers() -> None:
    order, headers = OrderOut.example(), {"ETag": '"2"', "Location": "/api/v1/orders/x"}
    litestar = Response(order, status_code=201, headers=headers).to_asgi_response(
        app=None, request=Request(_SCOPE)
    )
    ours = await _sent(JsonAnswer(order, 201, headers))
    assert ours == await _sent(litestar)
    assert ours[0]["headers"][:2] == [(b"etag", b'"2"'), (b"location", b"/api/v1/orders/x")]
    assert msgspec.json.decode(ours[1]["body"], type=OrderOut) == order


async def test_an_answer_without_headers_is_json_with_its_length() -> None:
    start, body = await _sent(JsonAnswer(OrderOut.example()))
    assert start["status"] == 200
    assert start["headers"] == [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body["body"])).encode()),
    ]
