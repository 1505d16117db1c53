"""What the server answers without running the app, in the same problem document as every
other error: 503 to a request beyond the connection limit (``MAX_CONNECTIONS``) and 431 to a
request head over ``MAX_HEADER_BYTES``; both close their connection. Every refusal of the
server's bounds (these two, and connections cut for a late head or a stalled body) is
counted in ``tenantry_http_refused_total`` and logged, at most once a minute per reason."""

from __future__ import annotations

import logging
import time
from typing import Any

import msgspec
from prometheus_client import Counter

from interface.http.problems import MEDIA_TYPE, problem_type
from interface.http.request_id import new_request_id, request_id_of

RETRY_AFTER_SECONDS = 1
REFUSED = Counter(
    "tenantry_http_refused",
    "Connections the server refused or cut without running the app, by reason: "
    "connection_limit, head_too_large, head_timeout, body_timeout.",
    ["reason"],
)
_logger = logging.getLogger("tenantry.server")
_last_logged: dict[str, float] = {}


def note_refusal(reason: str) -> None:
    REFUSED.labels(reason).inc()
    now = time.monotonic()
    if now - _last_logged.get(reason, -60.0) >= 60:
        _last_logged[reason] = now
        _logger.warning("refused a connection: %s (counted in tenantry_http_refused)", reason)


def _problem(status: int, slug: str, title: str, detail: str, path: str, rid: str) -> bytes:
    return msgspec.json.encode(
        {
            "type": problem_type(slug),
            "title": title,
            "status": status,
            "detail": detail,
            "instance": path,
            "request_id": rid,
        }
    )


async def overloaded(scope: Any, receive: Any, send: Any) -> None:
    """An ASGI app that answers 503 ``service-unavailable``."""
    request_id = request_id_of(scope)
    body = _problem(
        503,
        "service-unavailable",
        "Service unavailable",
        "The server is at its connection limit; retry in a moment.",
        scope.get("path", ""),
        request_id,
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


def head_too_large() -> bytes:
    """The whole HTTP response to a request head over the limit (it was never parsed)."""
    request_id = new_request_id()
    body = _problem(
        431,
        "request-header-fields-too-large",
        "Request header fields too large",
        "The request's head (request line and headers) is over the server's limit.",
        "",
        request_id,
    )
    head = (
        "HTTP/1.1 431 Request Header Fields Too Large\r\n"
        f"content-type: {MEDIA_TYPE}\r\n"
        f"content-length: {len(body)}\r\n"
        f"x-request-id: {request_id}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body
