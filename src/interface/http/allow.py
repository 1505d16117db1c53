"""``OPTIONS`` answers list every method of the path in ``Allow``.

Litestar builds a route's OPTIONS handler when it first meets the path; when more handlers
of the same path are registered later, the route is rebuilt but keeps that first handler,
which reports only the methods known then (``Allow: OPTIONS, POST`` for a path that also
has GET). This middleware sets the header from the finished route table instead.
"""

from __future__ import annotations

from litestar import Litestar
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.routes import HTTPRoute
from litestar.types import ASGIApp, Message, Receive, Scope, Send

_ALLOW = "tenantry.allow"


def allowed_methods(app: Litestar) -> dict[str, str]:
    """``Allow`` values by path template (``/customers/{customer_id}``), computed once."""
    cached: dict[str, str] | None = app.state.get(_ALLOW)
    if cached is None:
        cached = {
            route.path_format: ", ".join(sorted(route.methods))
            for route in app.routes
            if isinstance(route, HTTPRoute)
        }
        app.state[_ALLOW] = cached
    return cached


class AllowHeaderMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if scope.get("method") != "OPTIONS":
            await next_app(scope, receive, send)
            return
        allow = allowed_methods(scope["litestar_app"]).get(scope.get("path_template", ""))

        async def send_with_allow(message: Message) -> None:
            if message["type"] == "http.response.start" and allow is not None:
                MutableScopeHeaders.from_message(message)["Allow"] = allow
            await send(message)

        await next_app(scope, receive, send_with_allow)
