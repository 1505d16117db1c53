"""Hooks run once each HTTP request has been answered, with its status and duration: the
access log and the request metrics. The app's edge (``interface/http/edge.py``) wraps the
whole ASGI app and runs them, so routing errors count too; the route template
(``scope["path_template"]``) is known by then."""

from __future__ import annotations

from collections.abc import Callable

from litestar.types import Scope

AnswerHook = Callable[[Scope, int, float], None]
"""Called with the request's scope, its status and its duration in seconds."""


def route_of(scope: Scope) -> str:
    """The route template the request matched (never the raw path), or ``unmatched``."""
    return str(scope.get("path_template") or "unmatched")
