"""The answer to a request beyond the server's connection limit (``MAX_CONNECTIONS``): the
same problem document as every other error, given by the server without running the app,
and the connection closed to shed the load."""

from __future__ import annotations

from typing import Any

import msgspec

from interface.http.problems import MEDIA_TYPE, problem_type
from interface.http.request_id import request_id_of

RETRY_AFTER_SECONDS = 1


async def overloaded(scope: Any, receive: Any, send: Any) -> None:
    """An ASGI app that answers 503 ``service-unavailable``."""
    request_id = request_id_of(scope)
    body = msgspec.json.encode(
        {
            "type": problem_type("service-unavailable"),
            "title": "Service unavailable",
            "status": 503,
            "detail": "The server is at its connection limit; retry in a moment.",
            "instance": scope.get("path", ""),
            "request_id": request_id,
        }
    )
    headers = [
        (b"content-type", MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
        (b"x-request-id", request_id.encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
