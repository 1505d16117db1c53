"""Every request gets an id: echoed in ``X-Request-ID``, in logs and in problem bodies.

The server makes the id. An incoming ``X-Request-ID`` is taken instead only from a proxy
named in ``TRUSTED_PROXIES`` (it carries the id of the proxy's own log line); from anyone
else it is recorded beside the server's id (``client_request_id`` in the access log), never
instead of it: a client cannot make its requests look like somebody else's."""

from __future__ import annotations

import re
from collections.abc import Callable
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
    request_id = state["request_id"] = uuid4().hex
    return request_id


def client_request_id_of(scope: Scope | dict[str, Any]) -> str | None:
    """The id an untrusted client sent, kept for the log beside the server's."""
    value = scope.get("state", {}).get("client_request_id")
    return value if isinstance(value, str) else None


def _assign(scope: Scope, trusted: Callable[[Scope], bool]) -> str:
    incoming = _incoming(scope)
    state: dict[str, Any] = scope.setdefault("state", {})
    if incoming and _SAFE.fullmatch(incoming):
        if trusted(scope):
            state["request_id"] = incoming
        else:
            state["client_request_id"] = incoming
    return request_id_of(scope)


def _incoming(scope: Scope | dict[str, Any]) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == HEADER.encode():
            decoded: str = value.decode("latin-1")
            return decoded
    return None


def with_request_id(app: ASGIApp, trusted: Callable[[Scope], bool]) -> ASGIApp:
    """Wrap the whole ASGI app so even routing errors carry the request id; ``trusted``
    says whether the request came from a trusted proxy."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        request_id = _assign(scope, trusted)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableScopeHeaders.from_message(message)[HEADER] = request_id
            await send(message)

        await app(scope, receive, send_with_id)

    return middleware
