"""What one bounded context adds to the app, declared by the context itself.

Each context builds one ``ContextRegistration`` in ``interface/http/<context>/
registration.py``: its route handlers, its dishka providers, the providers only operator
commands get, the events it publishes and the subscriptions of its event handlers.
``interface/composition/contexts.py`` lists the registrations; the app, the worker and
the CLI are assembled from that list alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dishka import Provider
from litestar.types import ControllerRouterHandler

from application.events.handlers import EventSubscriptions
from domain.shared.events import DomainEvent


def no_subscriptions(subscriptions: EventSubscriptions) -> None:
    """For a context without event handlers."""


@dataclass(frozen=True, slots=True)
class ContextRegistration:
    name: str
    api_handlers: Sequence[ControllerRouterHandler] = ()
    """Mounted under ``/api/v1`` behind bearer authentication (unless marked public)."""
    root_handlers: Sequence[ControllerRouterHandler] = ()
    """Mounted at ``/`` without authentication (health probes)."""
    providers: Sequence[type[Provider]] = ()
    """Dishka providers of the context's adapters, services, use cases and handlers."""
    operator_providers: Sequence[type[Provider]] = ()
    """Providers only the operator CLI gets (use cases that need the owner role)."""
    events: Sequence[type[DomainEvent]] = ()
    """The event types the context publishes (its part of the event catalogue)."""
    subscribe: Callable[[EventSubscriptions], None] = no_subscriptions
    """Fills the registry with the context's handlers (``application/<ctx>/subscriptions``)."""
