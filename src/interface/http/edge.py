"""The one ASGI wrapper around the whole app: what every HTTP request gets on its way in and
on its answer, in a single layer with a single ``send`` wrapper.

On the way in: dishka's request container (when the app was given the container; otherwise
``setup_dishka`` adds dishka's own layer outside this one), the request id
(``request_id``). On the answer's start: ``Allow`` on an ``OPTIONS`` answer of a matched
route (``allow``), then ``X-Request-ID``, and the status is noted. Once answered: the
answer hooks (``answered``: access log, metrics), routing errors included, before the
request container closes.

It replaces four layers (dishka's container middleware, the request id, the answer hooks,
the ``Allow`` middleware, three of which wrapped ``send``; issue 13). The headers come in
the order those layers gave them. ``Allow`` is set on any answer to an ``OPTIONS`` request
that matched a route: its handler is Litestar's own (no per-client rule, no
authentication), so the API's gate never refuses it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from dishka import AsyncContainer
from dishka import Scope as DIScope
from dishka.integrations.litestar import make_add_request_container_middleware
from litestar import Request
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from interface.http.allow import allow_header
from interface.http.answered import AnswerHook
from interface.http.injection import CONTAINER_KEY
from interface.http.request_id import HEADER, assign_request_id

_REQUEST_ID = HEADER.encode()


def set_header(headers: list[tuple[bytes, bytes]], name: bytes, value: str) -> None:
    """Set ``name`` (lower case) to ``value`` in an answer's raw headers, as Litestar's
    ``MutableScopeHeaders`` sets one (the first of that name replaced, any other dropped;
    else appended), without building one around them (issue 13)."""
    found = [i for i, (key, _) in enumerate(headers) if key.lower() == name]
    for i in reversed(found[1:]):
        del headers[i]
    entry = (name, value.encode("latin-1"))
    if found:
        headers[found[0]] = entry
    else:
        headers.append(entry)


def with_request_edge(
    app: ASGIApp,
    trusted: Callable[[Scope], bool],
    hooks: tuple[AnswerHook, ...],
    container: AsyncContainer | None = None,
) -> ASGIApp:
    """Wrap the whole ASGI app (see the module docstring); ``trusted`` says whether the
    request came from a trusted proxy (whose ``X-Request-ID`` is taken)."""

    async def answer(scope: Scope, receive: Receive, send: Send) -> None:
        request_id = assign_request_id(scope, trusted)
        options = scope.get("method") == "OPTIONS"
        started = time.perf_counter()
        status = 500

        async def send_answer(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = message["headers"] = list(message.get("headers", ()))
                allow = allow_header(scope) if options else None
                if allow is not None:
                    set_header(headers, b"allow", allow)
                set_header(headers, _REQUEST_ID, request_id)
            await send(message)

        try:
            await app(scope, receive, send_answer)
        finally:
            seconds = time.perf_counter() - started
            for hook in hooks:
                hook(scope, status, seconds)

    other = app if container is None else make_add_request_container_middleware(app)

    async def edge(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await other(scope, receive, send)  # a websocket: dishka's own session container
        elif container is None:
            await answer(scope, receive, send)
        else:
            context: dict[Any, Any] = {Request: Request(scope)}
            async with container(context, scope=DIScope.REQUEST) as request_container:
                scope["state"][CONTAINER_KEY] = request_container
                await answer(scope, receive, send)

    return edge
