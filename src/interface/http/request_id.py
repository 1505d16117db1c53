"""Every request gets an id: echoed in ``X-Request-ID``, in logs and in problem bodies."""

from __future__ import annotations

import re
from typing import Any
from uuid import uuid4

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "x-request-id"
_SAFE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def request_id_of(scope: Scope | dict[str, Any]) -> str:
    """The id of the request in ``scope`` (assigned on first use)."""
    state: dict[str, Any] = scope.setdefault("state", {})
    current = state.get("request_id")
    if isinstance(current, str):
        return current
    incoming = _incoming(scope)
    request_id = incoming if incoming and _SAFE.fullmatch(incoming) else uuid4().hex
    state["request_id"] = request_id
    return request_id


def _incoming(scope: Scope | dict[str, Any]) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == HEADER.encode():
            decoded: str = value.decode("latin-1")
            return decoded
    return None


def with_request_id(app: ASGIApp) -> ASGIApp:
    """Wrap the whole ASGI app so even routing errors carry the request id."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        request_id = request_id_of(scope)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableScopeHeaders.from_message(message)[HEADER] = request_id
            await send(message)

        await app(scope, receive, send_with_id)

    return middleware
