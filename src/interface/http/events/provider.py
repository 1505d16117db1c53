"""Dishka providers of the event machinery (part of the composition root): the catalogue
and subscriptions every process shares, the per-request outbox adapters, the delivery of
one event to its handlers, and the dead-letter use cases."""

from __future__ import annotations

from dishka import AsyncContainer, Provider, Scope, from_context, provide, provide_all

from application.events.deliver_event import DeliverEvent
from application.events.handlers import EventHandler, EventSubscriptions
from application.events.list_dead_letters import ListDeadLetters
from application.events.ports import DeadLetters, ProcessedEvents
from application.events.retry_dead_letter import RetryDeadLetter
from domain.shared.unit_of_work import UnitOfWork
from infrastructure.events.dead_letters import SqlaDeadLetters
from infrastructure.events.event_catalog import EventCatalog
from infrastructure.events.processed import SqlaProcessedEvents


class EventsProvider(Provider):
    scope = Scope.REQUEST

    catalog = from_context(provides=EventCatalog, scope=Scope.APP)
    subscriptions = from_context(provides=EventSubscriptions, scope=Scope.APP)
    processed = provide(SqlaProcessedEvents, provides=ProcessedEvents)
    dead_letters = provide(SqlaDeadLetters, provides=DeadLetters)
    use_cases = provide_all(ListDeadLetters, RetryDeadLetter)

    @provide
    def deliver_event(
        self,
        uow: UnitOfWork,
        processed: ProcessedEvents,
        subscriptions: EventSubscriptions,
        container: AsyncContainer,
    ) -> DeliverEvent:
        async def resolve(handler_type: type[EventHandler]) -> EventHandler:
            return await container.get(handler_type)

        return DeliverEvent(uow, processed, subscriptions, resolve)
