"""Run one event's handlers, each exactly once in effect.

Transactions: every handler runs in its own transaction for the event's tenant, which
records ``(handler, event)`` as processed together with the handler's effect and commits
both, or neither. A handler that processed the event before is skipped, so a redelivery
(at least once) applies every effect once. When a handler fails, its transaction rolls
back; a handler that keeps its own record of failures (``RecordsFailures``) then writes it
in a second, fresh transaction. One handler's failure does not stop the others.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from application.events.handlers import (
    Delivery,
    EventHandler,
    EventSubscriptions,
    HandlerFailure,
    RecordsFailures,
)
from application.events.ports import ProcessedEvents
from domain.shared.errors import AppError
from domain.shared.unit_of_work import UnitOfWork

logger = logging.getLogger("tenantry.events")

ResolveHandler = Callable[[type[EventHandler]], Awaitable[EventHandler]]


def describe_failure(error: Exception) -> str:
    """What is stored and logged about a failure: an ``AppError``'s own detail (written to
    carry no personal data), otherwise only the exception's type."""
    if isinstance(error, AppError):
        return error.detail
    return f"unexpected {type(error).__name__}"


def key_of(handler_type: type[EventHandler]) -> str:
    """The handler's stable key (set on its class), for logs and stored errors."""
    return str(getattr(handler_type, "key", handler_type.__name__))


class DeliverEvent:
    def __init__(
        self,
        uow: UnitOfWork,
        processed: ProcessedEvents,
        subscriptions: EventSubscriptions,
        resolve: ResolveHandler,
    ) -> None:
        self._uow = uow
        self._processed = processed
        self._subscriptions = subscriptions
        self._resolve = resolve

    async def __call__(self, delivery: Delivery, final: bool) -> Sequence[str]:
        failures: list[str] = []
        for handler_type in self._subscriptions.handlers_for(delivery.event):
            try:
                handler = await self._resolve(handler_type)
                await self._run_once(handler, delivery)
            except Exception as error:  # noqa: B902 - any handler failure is retried, not fatal
                failure = describe_failure(error)
                logger.warning(
                    "handler %s failed on %s %s (attempt %d): %s",
                    key_of(handler_type),
                    delivery.event.event_type,
                    delivery.event_id,
                    delivery.attempt,
                    failure,
                    exc_info=not isinstance(error, AppError),
                )
                failures.append(f"{key_of(handler_type)}: {failure}")
                await self._record_failure(
                    handler_type, delivery, HandlerFailure(error, failure), final
                )
        return failures

    async def _run_once(self, handler: EventHandler, delivery: Delivery) -> None:
        async with self._uow.for_tenant(delivery.event.tenant_id):
            if not await self._processed.first_time(handler.key, delivery.event_id):
                return
            await handler.handle(delivery)
            await self._uow.commit()

    async def _record_failure(
        self,
        handler_type: type[EventHandler],
        delivery: Delivery,
        failure: HandlerFailure,
        final: bool,
    ) -> None:
        try:
            handler = await self._resolve(handler_type)
            if not isinstance(handler, RecordsFailures):
                return
            async with self._uow.for_tenant(delivery.event.tenant_id):
                await handler.failed(delivery, failure, final)
                await self._uow.commit()
        except Exception:  # noqa: B902 - the event's own retry still records the failure
            logger.exception("handler %s could not record its failure", key_of(handler_type))
