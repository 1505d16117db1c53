"""dishka's injection into the route handlers, reading the request container straight from
the scope.

``InjectingRouter`` is dishka's ``DishkaRouter`` (handlers' ``FromDishka[...]`` parameters
resolved from the request container, a ``request`` parameter added where the handler has
none) but for where the container is read: ``scope["state"]["dishka_container"]``, where
the edge (``edge.py``) or dishka's own middleware put it. dishka's ``inject`` reads
``request.state.dishka_container``, and Litestar builds a ``State`` around the scope's
state on every ``request.state`` (3 us a request; issue 13). HTTP handlers only: the app
has no websocket handlers (dishka's router also injects those).
"""

from __future__ import annotations

from collections.abc import Callable
from inspect import Parameter
from typing import Any, ParamSpec, TypeVar, get_type_hints

from dishka import AsyncContainer
from dishka.integrations.base import wrap_injection
from litestar import Controller, Request, Router
from litestar.handlers import BaseRouteHandler, HTTPRouteHandler
from litestar.routes import BaseRoute
from litestar.types import ControllerRouterHandler

P = ParamSpec("P")
T = TypeVar("T")

CONTAINER_KEY = "dishka_container"
"""Where the request container is: ``scope["state"][CONTAINER_KEY]``."""
_REQUEST = "request"


def _container(_: Any, kwargs: dict[str, Any]) -> AsyncContainer:
    container: AsyncContainer = kwargs[_REQUEST].scope["state"][CONTAINER_KEY]
    return container


def inject(func: Callable[P, T]) -> Callable[P, T]:
    """``func`` with its ``FromDishka`` parameters resolved from the request container."""
    extra = () if _REQUEST in get_type_hints(func) else (_request_parameter(),)
    return wrap_injection(
        func=func, is_async=True, additional_params=extra, container_getter=_container
    )


def _request_parameter() -> Parameter:
    return Parameter(_REQUEST, Parameter.KEYWORD_ONLY, annotation=Request)


def _injected(handler: BaseRouteHandler) -> BaseRouteHandler:
    if isinstance(handler, HTTPRouteHandler):
        handler._fn = inject(handler._fn)  # noqa: SLF001 (what dishka's router does)
    return handler


def _injecting(
    get_route_handlers: Callable[[Controller], list[BaseRouteHandler]],
) -> Callable[[Controller], list[BaseRouteHandler]]:
    def route_handlers(controller: Controller) -> list[BaseRouteHandler]:
        return [_injected(handler) for handler in get_route_handlers(controller)]

    return route_handlers


class InjectingRouter(Router):
    """A router whose handlers (and controllers' handlers) get ``inject``."""

    __slots__ = ()

    def register(self, value: ControllerRouterHandler) -> list[BaseRoute]:
        if isinstance(value, BaseRouteHandler):
            value = _injected(value)
        elif isinstance(value, type) and issubclass(value, Controller):
            value.get_route_handlers = _injecting(  # type: ignore[method-assign,assignment]
                value.get_route_handlers
            )
        return super().register(value)
