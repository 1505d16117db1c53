"""The interactive API documentation (Swagger UI) at ``/docs``.

Swagger UI's files are served by the app itself from ``/docs/assets`` (they come with the
``swagger-ui-py`` wheel, whose Python code is never imported), not from a CDN: the docs work
on a closed network, and a reader's browser talks to this server only.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from typing import Any

from litestar import Request, Response, Router, get
from litestar.datastructures import CacheControlHeader
from litestar.enums import HttpMethod, MediaType
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Tag
from litestar.static_files import create_static_files_router
from litestar.status_codes import HTTP_404_NOT_FOUND

from interface.http.rate_limit_docs import RATE_LIMIT_HEADERS

ASSETS = "/docs/assets"

TAGS = [
    Tag(
        name="identity",
        description="Signup, login and tokens, the signed-in user, the tenant's users and "
        "their sessions.",
    ),
    Tag(name="catalog", description="Products: SKU, name, price in minor units and stock."),
    Tag(name="customers", description="The tenant's customers, who place orders."),
    Tag(
        name="ordering",
        description="Orders: placing one reserves stock and charges the payment; paying "
        "again, cancelling (with a refund), fulfilling, listing.",
    ),
    Tag(name="notifications", description="E-mails sent to customers and their delivery state."),
    Tag(
        name="webhooks",
        description="Tenant webhooks: the events they receive, signed per Standard Webhooks, "
        "their secrets and their deliveries.",
    ),
    Tag(
        name="events",
        description="Dead letters: events whose handlers failed on every attempt, and "
        "delivering one again.",
    ),
    Tag(name="operations", description="Liveness and readiness probes; no token needed."),
]
"""One tag per bounded context (each controller's ``tags`` names its context), in the
order the docs UI shows them; a test checks every operation has one of these and only one."""


def _swagger_ui_files() -> Path:
    spec = find_spec("swagger_ui")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("swagger-ui-py is not installed (it ships the docs UI's files)")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


SWAGGER = SwaggerRenderPlugin(
    path="/swagger",
    js_url=f"{ASSETS}/swagger-ui-bundle.js",
    css_url=f"{ASSETS}/swagger-ui.css",
    standalone_preset_js_url=f"{ASSETS}/swagger-ui-standalone-preset.js",
    favicon=f"<link rel='icon' type='image/png' href='{ASSETS}/favicon-32x32.png'>",
)

docs_assets: Router = create_static_files_router(
    path=ASSETS,
    directories=[_swagger_ui_files()],
    name="docs-assets",
    cache_control=CacheControlHeader(max_age=86400, public=True),
)


async def _no_html_404(response: Response[Any]) -> Response[Any]:
    """Litestar answers an unknown path under ``/schema`` with an HTML page; raised as a
    ``NotFoundException`` instead, it becomes a problem document like every other 404."""
    if response.status_code == HTTP_404_NOT_FOUND:
        raise NotFoundException("No such document. The OpenAPI document is /schema/openapi.json.")
    return response


def operation_id(handler: HTTPRouteHandler, method: HttpMethod | str, path: list[Any]) -> str:
    """The handler's name in lower camel case (``place_order`` -> ``placeOrder``): short and
    stable, what a generated client names its methods after. Unique, as a test checks."""
    first, *rest = handler.handler_name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def openapi_config() -> OpenAPIConfig:
    """The OpenAPI document's settings, with a fresh ``/schema`` router (a router belongs to
    one app)."""
    return OpenAPIConfig(
        title="Tenantry",
        version="0.1.0",
        description=(
            "Multi-tenant order processing. Every error is an RFC 9457 "
            "`application/problem+json` document with a `request_id` that is also sent as the "
            "`X-Request-ID` header."
        ),
        path="/schema",
        openapi_router=Router(
            "/schema", route_handlers=[], include_in_schema=False, after_request=_no_html_404
        ),
        render_plugins=[JsonRenderPlugin(), SWAGGER],
        operation_id_creator=operation_id,
        tags=TAGS,
        components=Components(
            security_schemes={
                "BearerToken": SecurityScheme(
                    type="http",
                    scheme="bearer",
                    bearer_format="JWT",
                    description="An access token from POST /api/v1/auth/token.",
                )
            },
            headers=dict(RATE_LIMIT_HEADERS),
        ),
        security=[{"BearerToken": []}],
    )


@get("/docs", include_in_schema=False, media_type=MediaType.HTML, cache=False)
async def docs_ui(request: Request[Any, Any, Any]) -> bytes:
    """Swagger UI for ``/schema/openapi.json`` (also served at ``/schema/swagger``)."""
    return SWAGGER.render(request, request.app.openapi_schema.to_schema())
