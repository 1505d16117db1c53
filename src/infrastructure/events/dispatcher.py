"""In-process ``EventDispatcher``: calls each event's handlers after the commit.

At most once and in this process; a later issue makes delivery durable (outbox). A
handler's failure is logged and does not affect the request that raised the event.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence

from domain.ordering.events import DomainEvent

logger = logging.getLogger("tenantry.events")
Handler = Callable[[DomainEvent], Awaitable[None]]


class InProcessEventDispatcher:
    def __init__(self, handlers: Mapping[type[DomainEvent], Sequence[Handler]]) -> None:
        self._handlers = handlers

    async def dispatch(self, events: list[DomainEvent]) -> None:
        for event in events:
            for handler in self._handlers.get(type(event), ()):
                try:
                    await handler(event)
                except Exception:  # noqa: BLE001 - a handler must not fail the request
                    logger.exception("handler %r failed for %r", handler, event)
