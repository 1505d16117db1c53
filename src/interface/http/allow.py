"""``OPTIONS`` answers list every method of the path in ``Allow``.

Litestar builds a route's OPTIONS handler when it first meets the path; when more handlers
of the same path are registered later, the route is rebuilt but keeps that first handler,
which reports only the methods known then (``Allow: OPTIONS, POST`` for a path that also
has GET). The app's edge (``interface/http/edge.py``) sets the header of an ``OPTIONS``
answer from the finished route table instead.
"""

from __future__ import annotations

from litestar import Litestar
from litestar.routes import HTTPRoute
from litestar.types import Scope

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


def allow_header(scope: Scope) -> str | None:
    """The ``Allow`` value of the route an ``OPTIONS`` request matched; ``None`` when it
    matched none (a routing error). The app's edge (``interface/http/edge.py``) sets it on
    the answer."""
    template: str | None = scope.get("path_template")
    return None if template is None else allowed_methods(scope["litestar_app"]).get(template)
