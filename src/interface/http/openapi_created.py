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

import msgspec
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import Link, OpenAPIHeader, OpenAPIResponse, Operation, Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.params import ParameterKwarg
from litestar.routes import HTTPRoute

from interface.http.docs import operation_id
from interface.http.etag import IF_MATCH
from interface.http.openapi_errors import Problem

_FIRST_PARAMETER = re.compile(r"^/\{(\w+)(?::\w+)?\}(?:/|$)")


def document_created(app: Litestar) -> None:
    """Give every create handler (a POST answering 201) its ``Location`` header and links."""
    routes = [route for route in app.routes if isinstance(route, HTTPRoute)]
    for route in routes:
        for handler in route.route_handlers:
            created = "POST" in handler.http_methods and handler.status_code == 201
            if created and not getattr(handler.operation_class, "documents_created", False):
                links = _links_below(route.path, routes, kept=False)
                if links:  # a resource with a path of its own (signup creates a tenant)
                    kept = _links_below(route.path, routes, kept=True)
                    location = _location(route.path_format)
                    handler.operation_class = _created(
                        handler.operation_class, links, kept, location
                    )


def _links_below(collection: str, routes: list[HTTPRoute], kept: bool) -> dict[str, Link]:
    """Links to the operations below ``collection`` that take one id: from the 201's ``id``
    (and ``ETag``), or, ``kept``, from a problem that names the resource it kept
    (``order_id`` of a declined order's 402)."""
    links = {}
    for route in routes:
        match = _FIRST_PARAMETER.match(route.path.removeprefix(collection))
        if not route.path.startswith(collection) or match is None:
            continue
        name = match.group(1)
        if kept and name not in _PROBLEM_FIELDS:
            continue
        for handler in route.route_handlers:
            if not handler.include_in_schema:
                continue
            parameters = {name: f"$response.body#/{name if kept else 'id'}"}
            if _takes_if_match(handler) and not kept:
                parameters[f"header.{IF_MATCH}"] = "$response.header.ETag"
            for method in sorted(handler.http_methods):
                operation = operation_id(handler, method, [])
                links[operation] = Link(
                    operation_id=operation,
                    parameters=parameters,
                    description=f"`{name}` is the {'kept' if kept else 'created'} resource's id.",
                )
    return dict(sorted(links.items()))


def _takes_if_match(handler: HTTPRouteHandler) -> bool:
    return any(
        isinstance(p.kwarg_definition, ParameterKwarg) and p.kwarg_definition.name == IF_MATCH
        for p in handler.parsed_fn_signature.parameters.values()
    )


def _location(collection: str) -> OpenAPIHeader:
    example = f"{collection}/0193a5b2-7c1e-7d4a-9b3f-2f6c1d8e4a10"
    return OpenAPIHeader(
        schema=Schema(type=OpenAPIType.STRING, examples=[example]),
        required=True,
        description="The new resource's path.",
    )


_PROBLEM_FIELDS = frozenset(field.encode_name for field in msgspec.structs.fields(Problem))
KEEPING = ("402", "503")
"""Problem answers of a create operation that may name a resource it kept (``order_id``)."""


def _created(
    base: type[Operation], links: dict[str, Link], kept: dict[str, Link], location: OpenAPIHeader
) -> type[Operation]:
    def __init__(self: Operation, *args: Any, **kwargs: Any) -> None:
        base.__init__(self, *args, **kwargs)
        responses = self.responses or {}
        response = responses.get("201")
        if isinstance(response, OpenAPIResponse):
            response.headers = {**(response.headers or {}), "Location": location}
            response.links = {**(response.links or {}), **links}
        for status in KEEPING:
            problem = responses.get(status)
            if isinstance(problem, OpenAPIResponse):
                problem.links = {**(problem.links or {}), **kept}

    attributes = {"__init__": __init__, "documents_created": True}
    return type(f"Created{base.__name__}", (base,), attributes)
