"""The interactive API documentation (Swagger UI) at ``/docs``."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.enums import MediaType
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme

SWAGGER = SwaggerRenderPlugin(path="/swagger")

OPENAPI = OpenAPIConfig(
    title="Tenantry",
    version="0.1.0",
    description=(
        "Multi-tenant order processing. Every error is an RFC 9457 "
        "`application/problem+json` document with a `request_id` that is also sent as the "
        "`X-Request-ID` header."
    ),
    path="/schema",
    render_plugins=[JsonRenderPlugin(), SWAGGER],
    components=Components(
        security_schemes={
            "BearerToken": SecurityScheme(
                type="http",
                scheme="bearer",
                bearer_format="JWT",
                description="An access token from POST /api/v1/auth/token.",
            )
        }
    ),
    security=[{"BearerToken": []}],
)


@get("/docs", include_in_schema=False, media_type=MediaType.HTML, cache=False)
async def docs_ui(request: Request[Any, Any, Any]) -> bytes:
    """Swagger UI for ``/schema/openapi.json`` (also served at ``/schema/swagger``)."""
    return SWAGGER.render(request, request.app.openapi_schema.to_schema())
