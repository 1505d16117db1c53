"""What one bounded context adds to the app, declared by the context itself.

Each context builds one ``ContextRegistration`` in ``interface/http/<context>/
registration.py``: its route handlers, its dishka providers, the providers only operator
commands get, and its event handlers. ``interface/composition/contexts.py`` lists the
registrations; the app and the CLI are assembled from that list alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dishka import Provider
from litestar.types import ControllerRouterHandler

from domain.shared.events import DomainEvent, EventHandler

EventHandlers = Mapping[type[DomainEvent], Sequence[type[EventHandler]]]


@dataclass(frozen=True, slots=True)
class ContextRegistration:
    name: str
    api_handlers: Sequence[ControllerRouterHandler] = ()
    """Mounted under ``/api/v1`` behind bearer authentication (unless marked public)."""
    root_handlers: Sequence[ControllerRouterHandler] = ()
    """Mounted at ``/`` without authentication (health probes)."""
    providers: Sequence[type[Provider]] = ()
    """Dishka providers of the context's adapters, services and use cases."""
    operator_providers: Sequence[type[Provider]] = ()
    """Providers only the operator CLI gets (use cases that need the owner role)."""
    event_handlers: EventHandlers = field(default_factory=dict)
    """Which handler classes receive each of the context's events, after the commit."""
