"""The Litestar application: routes, error mapping, OpenAPI. No infrastructure here.

The routes come from the contexts' registrations (``interface/composition/contexts.py``);
this module only mounts them, with authentication, the error table and the docs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from dishka import AsyncContainer
from litestar import Litestar
from litestar.middleware import DefineMiddleware
from litestar.routes import HTTPRoute
from litestar.types import ControllerRouterHandler

from application.identity.access_revocations import AccessRevocations
from domain.identity.ports import AccessTokens
from interface.http.access_log import log_request
from interface.http.api_gate import ApiGateMiddleware
from interface.http.client_origin import ClientOrigins
from interface.http.docs import docs_assets, docs_ui, openapi_config
from interface.http.edge import with_request_edge
from interface.http.injection import InjectingRouter
from interface.http.metrics import record_request
from interface.http.openapi_created import document_created
from interface.http.openapi_errors import API_ERRORS, BODY_ERRORS
from interface.http.openapi_structs import WireSchemaPlugin
from interface.http.paths import API_PREFIX
from interface.http.problems import EXCEPTION_HANDLERS
from interface.http.rate_limit_docs import document_rate_limits
from interface.http.request_checks import RequestChecks

if TYPE_CHECKING:
    from litestar.plugins.opentelemetry import OpenTelemetryPlugin
    from opentelemetry.trace import TracerProvider

_TRACING_PLUGIN = "litestar.plugins.opentelemetry"


def create_http_app(
    tokens: AccessTokens,
    revocations: AccessRevocations,
    api_handlers: Sequence[ControllerRouterHandler] = (),
    root_handlers: Sequence[ControllerRouterHandler] = (),
    on_startup: Sequence[Callable[[], Any]] = (),
    on_shutdown: Sequence[Callable[[], Any]] = (),
    origins: ClientOrigins | None = None,
    tracer_provider: TracerProvider | None = None,
    max_body_bytes: int = 1_048_576,
    container: AsyncContainer | None = None,
) -> Litestar:
    """Assemble the HTTP app; the composition root supplies the contexts' handlers, tokens,
    lifecycle hooks and DI (``container``; without it, ``setup_dishka`` adds dishka's own
    layer).

    Everything under ``/api/v1`` needs a bearer token unless its route is marked public;
    its checks are one middleware (``api_gate``), and what every request gets (request
    container, request id, ``Allow``, access log, metrics) is one layer around the whole
    app (``edge``).
    """
    root = InjectingRouter(path="/", route_handlers=list(root_handlers))
    api = InjectingRouter(
        path=API_PREFIX,
        route_handlers=list(api_handlers),
        middleware=[DefineMiddleware(ApiGateMiddleware, tokens=tokens, revocations=revocations)],
    )
    app = _litestar(
        [root, api, docs_ui, docs_assets], on_startup, on_shutdown, max_body_bytes, tracer_provider
    )
    trusted = (origins or ClientOrigins()).from_trusted_proxy
    hooks = (record_request, log_request)
    app.asgi_handler = with_request_edge(app.asgi_handler, trusted, hooks, container)
    if container is not None:
        app.state.dishka_container = container
    _document_api_errors(app)
    document_created(app)
    return app


def _litestar(
    handlers: list[ControllerRouterHandler],
    on_startup: Sequence[Callable[[], Any]],
    on_shutdown: Sequence[Callable[[], Any]],
    max_body_bytes: int,
    tracer_provider: TracerProvider | None,
) -> Litestar:
    with _tracing_plugin_hidden(tracer_provider is None):
        return Litestar(
            route_handlers=handlers,
            exception_handlers=EXCEPTION_HANDLERS,
            before_request=RequestChecks(),
            request_max_body_size=max_body_bytes,
            openapi_config=openapi_config(),
            on_startup=list(on_startup),
            on_shutdown=list(on_shutdown),
            debug=False,
            logging_config=None,  # the process's logging is set up once, by the CLI
            plugins=[
                WireSchemaPlugin(),
                *([] if tracer_provider is None else [_tracing(tracer_provider)]),
            ],
        )


@contextmanager
def _tracing_plugin_hidden(hidden: bool) -> Iterator[None]:
    """Within the block (when ``hidden``), Litestar's OpenTelemetry plugin cannot be
    imported. Litestar imports it, and with it the ASGI instrumentation (1.7 MiB for the
    life of the process), in every app it builds whenever it is installed, only to look for
    a tracing middleware to move; with tracing off there is none, and Litestar passes over
    the import failing (issue 13). With tracing on, ``_tracing`` imports it as usual."""
    if not hidden or _TRACING_PLUGIN in sys.modules:
        yield
        return
    sys.modules[_TRACING_PLUGIN] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get(_TRACING_PLUGIN, False) is None:
            del sys.modules[_TRACING_PLUGIN]


def _tracing(provider: TracerProvider) -> OpenTelemetryPlugin:
    """A server span per request, named by route template; database spans nest under it.
    Imported only when tracing is on (``infrastructure/observability/tracing.py``)."""
    from litestar.plugins.opentelemetry import OpenTelemetryConfig, OpenTelemetryPlugin

    return OpenTelemetryPlugin(OpenTelemetryConfig(tracer_provider=provider))


def _document_api_errors(app: Litestar) -> None:
    """Every API route answers problem documents for the common errors (the schema is built
    lazily, after this); a route's own ``responses`` add its specific ones; a rate-limited
    route adds its 429 and the limits' headers."""
    for route in app.routes:
        if isinstance(route, HTTPRoute) and route.path.startswith(API_PREFIX):
            for handler in route.route_handlers:
                errors = BODY_ERRORS if "data" in handler.parsed_fn_signature.parameters else {}
                handler.responses = {**API_ERRORS, **errors, **(handler.responses or {})}
                document_rate_limits(handler)
