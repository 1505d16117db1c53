"""How rate limits look in the OpenAPI document: every rate-limited operation (an
authenticated write, or a public route with a per-client rule) documents its 429 problem
and the IETF draft headers its answers carry.

Litestar's additional responses take no headers, so the operation's class is extended to
add them once the operation is built (the document is built lazily, on first request); the
headers are defined once, in ``components/headers``, and referenced.
"""

from __future__ import annotations

from typing import Any

from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import OpenAPIHeader, OpenAPIResponse, Operation, Reference, Schema
from litestar.openapi.spec.enums import OpenAPIType

from interface.http.openapi_errors import problems
from interface.http.rate_limits import OPTION, WRITE_METHODS

RATE_LIMIT_HEADERS: dict[str, OpenAPIHeader | Reference] = {
    "RateLimit-Policy": OpenAPIHeader(
        schema=Schema(type=OpenAPIType.STRING, examples=['"user-writes";q=600;w=60']),
        description=(
            "The limits this request counts against (IETF draft `RateLimit-Policy`): one "
            "item per limit, `q` requests per `w` seconds, the tightest first."
        ),
    ),
    "RateLimit": OpenAPIHeader(
        schema=Schema(type=OpenAPIType.STRING, examples=['"user-writes";r=599;t=60']),
        description=(
            "What is left of each limit (IETF draft `RateLimit`): `r` requests in the next "
            "`t` seconds, the tightest first."
        ),
    ),
    "Retry-After": OpenAPIHeader(
        schema=Schema(type=OpenAPIType.INTEGER, minimum=1),
        required=True,
        description="Seconds to wait before trying again.",
    ),
}
"""The headers' definitions, for ``components/headers`` of the document."""
_POLICY, _STATE, _RETRY_AFTER = (
    Reference(f"#/components/headers/{name}") for name in RATE_LIMIT_HEADERS
)
_PUBLIC = "exclude_from_auth"
"""The ``opt`` key that ``interface.http.auth.PUBLIC`` sets (Litestar's default one; not
imported, as the authentication module belongs to the identity context)."""
_NOT_COUNTED = frozenset({"401"})
"""Refused before any limit is counted: no limit headers."""


def is_rate_limited(handler: HTTPRouteHandler) -> bool:
    """A public route with a per-client rule, or a write that needs a bearer token."""
    if handler.opt.get(OPTION) is not None:
        return True
    public = bool(handler.opt.get(_PUBLIC))
    return not public and any(method in WRITE_METHODS for method in handler.http_methods)


def document_rate_limits(handler: HTTPRouteHandler) -> None:
    """Add the 429 problem and the limits' headers to a rate-limited route's operation
    (idempotent: a handler shared by several apps is extended once)."""
    if not is_rate_limited(handler):
        return
    handler.responses = {**problems(429), **(handler.responses or {})}
    if not getattr(handler.operation_class, "documents_rate_limits", False):
        handler.operation_class = _with_rate_limit_headers(handler.operation_class)


def _with_rate_limit_headers(base: type[Operation]) -> type[Operation]:
    def __init__(self: Operation, *args: Any, **kwargs: Any) -> None:
        base.__init__(self, *args, **kwargs)
        for status, response in (self.responses or {}).items():
            if isinstance(response, OpenAPIResponse) and status not in _NOT_COUNTED:
                response.headers = {
                    **(response.headers or {}),
                    "RateLimit-Policy": _POLICY,
                    "RateLimit": _STATE,
                    **({"Retry-After": _RETRY_AFTER} if status == "429" else {}),
                }

    attributes = {"__init__": __init__, "documents_rate_limits": True}
    return type(f"RateLimited{base.__name__}", (base,), attributes)
