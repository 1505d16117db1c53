"""Run hooks once each HTTP request has been answered, with its status and duration: the
access log and the request metrics. Wraps the whole ASGI app, so routing errors count too;
the route template (``scope["path_template"]``) is known by then."""

from __future__ import annotations

import time
from collections.abc import Callable

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

AnswerHook = Callable[[Scope, int, float], None]
"""Called with the request's scope, its status and its duration in seconds."""


def route_of(scope: Scope) -> str:
    """The route template the request matched (never the raw path), or ``unmatched``."""
    return str(scope.get("path_template") or "unmatched")


def with_answer_hooks(app: ASGIApp, *hooks: AnswerHook) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await app(scope, receive, send_and_note)
        finally:
            seconds = time.perf_counter() - started
            for hook in hooks:
                hook(scope, status, seconds)

    return middleware
