"""In-process ``EventDispatcher``: calls each event's handlers after the commit.

Handlers are registered by type (each context lists its own) and built on demand by
``resolve`` (the composition root passes its container's ``get``), so a handler may take
the same ports as any use case. At most once and in this process for now; a handler's
failure is logged and does not affect the request that raised the event.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence

from domain.shared.events import DomainEvent, EventHandler

logger = logging.getLogger("tenantry.events")

HandlerRegistry = Mapping[type[DomainEvent], Sequence[type[EventHandler]]]
Resolve = Callable[[type[EventHandler]], Awaitable[EventHandler]]


class InProcessEventDispatcher:
    def __init__(self, handlers: HandlerRegistry, resolve: Resolve) -> None:
        self._handlers = handlers
        self._resolve = resolve

    async def dispatch(self, events: Sequence[DomainEvent]) -> None:
        for event in events:
            for handler_type in self._handlers.get(type(event), ()):
                try:
                    handler = await self._resolve(handler_type)
                    await handler(event)
                except Exception:  # noqa: BLE001 - a handler must not fail the request
                    logger.exception("handler %s failed for %r", handler_type.__name__, event)
