"""Startup check: every ``FromDishka[T]`` a route handler takes, and every event handler a
context registers, has a provider.

Dishka validates the dependencies between providers when the container is built, but a
route handler is not a provider: a use case whose provider line is missing would only fail
at request time, as a 500, and a missing event handler only when its event is delivered
(every attempt failing until the event is dead-lettered). This check runs while the app,
the worker or the CLI is assembled and refuses to start instead, naming each route or
event handler and the type.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any, get_type_hints

from dishka import AsyncContainer
from dishka.entities.component import DEFAULT_COMPONENT
from dishka.entities.key import DependencyKey
from dishka.integrations.base import default_parse_dependency
from dishka.registry import Registry
from litestar import Litestar
from litestar.routes import HTTPRoute

from application.events.handlers import EventSubscriptions


class MissingProvider(RuntimeError):
    """A route handler takes a dependency that no dishka provider gives."""


def verify_wiring(
    container: AsyncContainer, handlers: EventSubscriptions, app: Litestar | None = None
) -> None:
    """Raise ``MissingProvider`` naming every route dependency and event handler that no
    provider of ``container`` gives."""
    missing = [
        f"{method} {path} ({name}) takes FromDishka[{_type_name(key)}]"
        for method, path, name, key in (_requirements(app) if app is not None else ())
        if not _provided(container, key)
    ]
    missing += [
        f"event handler {handler.__name__}"
        for handler in handlers
        if not _provided(container, DependencyKey(handler, DEFAULT_COMPONENT))
    ]
    if missing:
        raise MissingProvider(
            "Refusing to start: no dishka provider gives what these need:\n  "
            + "\n  ".join(missing)
            + "\nAdd it to the context's provider (interface/http/<context>/provider.py)."
        )


def _requirements(app: Litestar) -> Iterator[tuple[str, str, str, DependencyKey]]:
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            method = "/".join(sorted(handler.http_methods))
            for key in dependencies_of(handler.fn):
                yield method, route.path, handler.handler_name, key


def dependencies_of(fn: Callable[..., Any]) -> list[DependencyKey]:
    """The ``FromDishka`` parameters of a handler (before dishka's wrapper hid them)."""
    original = getattr(fn, "__dishka_orig_func__", fn)
    try:
        hints = get_type_hints(original, include_extras=True)
    except NameError:  # Litestar's own handlers (OpenAPI) annotate under TYPE_CHECKING
        return []
    keys = []
    for name, parameter in inspect.signature(original).parameters.items():
        key = default_parse_dependency(parameter, hints.get(name, Any))
        if key is not None:
            keys.append(key)
    return keys


def _provided(container: AsyncContainer, key: DependencyKey) -> bool:
    registry: Registry | None = container.registry
    while registry is not None:
        if registry.get_factory(key) is not None:
            return True
        registry = registry.child_registry
    return False


def _type_name(key: DependencyKey) -> str:
    return getattr(key.type_hint, "__qualname__", repr(key.type_hint))
