"""Unknown query parameters are refused: ``/customers?email=x`` is a 400 naming ``email``,
not the whole list with the filter silently ignored; nor is a parameter that takes one value
sent twice (``status=paid&status=cancelled``), where the last one would silently win.

The parameters an operation accepts are the ones its handler declares, as Litestar's own
parameter model (``KwargsModel.expected_query_params``, built once per route) knows them.
The allowed names of every handler of the app are read from the router on the first
request and kept; each request then costs a look at its query string (nothing when it is
empty) and a set difference. A handler that takes the whole ``query`` mapping accepts any.
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar, Request
from litestar.routes import HTTPRoute

from domain.shared.errors import FieldError, ValidationFailed

Allowed = tuple[frozenset[str], frozenset[str]] | None
"""The names an operation accepts and, of those, the ones that take one value; ``None`` when
it accepts any."""


def _declared(route: HTTPRoute) -> dict[object, Allowed]:
    declared: dict[object, Allowed] = {}
    for handler, model in route.route_handler_map.values():
        accepts_any = "query" in model.expected_reserved_kwargs
        names = frozenset(p.field_alias for p in model.expected_query_params)
        single = frozenset(p.field_alias for p in model.expected_query_params if not p.is_sequence)
        declared[handler] = None if accepts_any else (names, single)
    return declared


def _unknown_parameter(name: str, allowed: frozenset[str]) -> FieldError:
    if not allowed:
        return FieldError(name, "unknown query parameter; this operation takes none")
    accepts = ", ".join(sorted(allowed))
    return FieldError(name, f"unknown query parameter; this operation accepts: {accepts}")


class UnknownQueryParameters:
    """A ``before_request`` hook (one per app): a 400 ``ValidationFailed`` listing each
    query parameter the handler does not declare. It runs after authentication, so an
    anonymous caller still gets the 401 first."""

    def __init__(self) -> None:
        self._allowed: dict[object, Allowed] | None = None

    def _allowed_by_handler(self, app: Litestar) -> dict[object, Allowed]:
        if self._allowed is None:
            allowed: dict[object, Allowed] = {}
            for route in app.routes:
                if isinstance(route, HTTPRoute):
                    allowed.update(_declared(route))
            self._allowed = allowed
        return self._allowed

    async def __call__(self, request: Request[Any, Any, Any]) -> None:
        if not request.scope.get("query_string"):
            return
        handler = request.scope["route_handler"]
        allowed = self._allowed_by_handler(request.app).get(handler)
        if allowed is None:
            return
        names, single = allowed
        sent = request.query_params
        unknown = [name for name in dict.fromkeys(sent) if name not in names]
        if unknown:
            raise ValidationFailed(
                f"Unknown query parameter(s): {', '.join(unknown)}.",
                tuple(_unknown_parameter(name, names) for name in unknown),
            )
        repeated = [
            name for name in dict.fromkeys(sent) if name in single and len(sent.getall(name)) > 1
        ]
        if repeated:
            raise ValidationFailed(
                f"Query parameter(s) sent more than once: {', '.join(repeated)}.",
                tuple(
                    FieldError(name, "takes one value; sent more than once") for name in repeated
                ),
            )
