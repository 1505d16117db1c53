"""What a ``201 Created`` says in the OpenAPI document: the ``Location`` header, and links
to every operation that takes the new resource's id.

A create operation's path is its collection (``/orders``); the operations on paths below
it that start with one id parameter (``/orders/{order_id}``, ``/orders/{order_id}/cancel``)
take the new resource's ``id``. So a client, or stateful property-based testing, can go
from the answer to the next call without guessing. Computed from the app's routes: a new
route under a collection is linked without editing anything.
"""

from __future__ import annotations

import re
from typing import Any

from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import Link, OpenAPIHeader, OpenAPIResponse, Operation, Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.params import ParameterKwarg
from litestar.routes import HTTPRoute

from interface.http.docs import operation_id
from interface.http.etag import IF_MATCH

LOCATION = OpenAPIHeader(
    schema=Schema(type=OpenAPIType.STRING, examples=["/api/v1/orders/0190f5c2-7b1e-7cc3-9d5e"]),
    required=True,
    description="The new resource's path.",
)
_FIRST_PARAMETER = re.compile(r"^/\{(\w+)(?::\w+)?\}(?:/|$)")


def document_created(app: Litestar) -> None:
    """Give every create handler (a POST answering 201) its ``Location`` header and links."""
    routes = [route for route in app.routes if isinstance(route, HTTPRoute)]
    for route in routes:
        for handler in route.route_handlers:
            created = "POST" in handler.http_methods and handler.status_code == 201
            if created and not getattr(handler.operation_class, "documents_created", False):
                links = _links_below(route.path, routes)
                if links:  # a resource with a path of its own (signup creates a tenant)
                    handler.operation_class = _created(handler.operation_class, links)


def _links_below(collection: str, routes: list[HTTPRoute]) -> dict[str, Link]:
    links = {}
    for route in routes:
        match = _FIRST_PARAMETER.match(route.path.removeprefix(collection))
        if not route.path.startswith(collection) or match is None:
            continue
        for handler in route.route_handlers:
            if not handler.include_in_schema:
                continue
            parameters = {match.group(1): "$response.body#/id"}
            if _takes_if_match(handler):
                parameters[f"header.{IF_MATCH}"] = "$response.header.ETag"
            for method in sorted(handler.http_methods):
                name = operation_id(handler, method, [])
                links[name] = Link(
                    operation_id=name,
                    parameters=parameters,
                    description=f"`{match.group(1)}` is the `id` of the created resource.",
                )
    return links


def _takes_if_match(handler: HTTPRouteHandler) -> bool:
    return any(
        isinstance(p.kwarg_definition, ParameterKwarg) and p.kwarg_definition.name == IF_MATCH
        for p in handler.parsed_fn_signature.parameters.values()
    )


def _created(base: type[Operation], links: dict[str, Link]) -> type[Operation]:
    def __init__(self: Operation, *args: Any, **kwargs: Any) -> None:
        base.__init__(self, *args, **kwargs)
        response = (self.responses or {}).get("201")
        if isinstance(response, OpenAPIResponse):
            response.headers = {**(response.headers or {}), "Location": LOCATION}
            response.links = {**(response.links or {}), **links} or None

    attributes = {"__init__": __init__, "documents_created": True}
    return type(f"Created{base.__name__}", (base,), attributes)
