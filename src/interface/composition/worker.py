"""The container behind ``tenantry worker``: the same contexts as the app, no HTTP, plus
the outbox relay. Each event is delivered in a request scope of its own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import timedelta

from dishka import AsyncContainer, Provider, Scope, provide
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from application.events.deliver_event import DeliverEvent
from application.events.handlers import Delivery
from application.events.ports import EventDeliverer, OutboxClaims
from application.events.relay_outbox import RelayOutbox, RelaySettings
from application.events.retry_policy import RetryPolicy
from application.shared.tenant_context import TenantContext
from infrastructure.database.listener import PgListener
from infrastructure.database.urls import to_driver_dsn
from infrastructure.events.claims import SqlaOutboxClaims
from infrastructure.events.event_catalog import EventCatalog
from infrastructure.events.outbox import OUTBOX_CHANNEL
from infrastructure.events.relay_loop import RelayLoop
from infrastructure.settings import Settings
from interface.composition.assembly import headless_container
from interface.composition.contexts import CONTEXTS
from interface.http.registration import ContextRegistration


class ScopedEventDeliverer:
    """Delivers each event in a fresh request scope: its own session and handlers."""

    def __init__(self, container: AsyncContainer) -> None:
        self._container = container

    async def deliver(self, delivery: Delivery, final: bool) -> Sequence[str]:
        async with self._container() as scope:
            deliver = await scope.get(DeliverEvent)
            return await deliver(delivery, final)


class WorkerProvider(Provider):
    scope = Scope.APP

    @provide(scope=Scope.REQUEST)
    def tenant(self) -> TenantContext:
        """No caller: every delivery names its event's tenant itself."""
        return TenantContext(None)

    @provide
    def policy(self, settings: Settings) -> RetryPolicy:
        events = settings.events
        return RetryPolicy(
            events.max_attempts,
            timedelta(milliseconds=events.retry_base_ms),
            timedelta(seconds=events.retry_cap_seconds),
        )

    @provide
    def relay_settings(self, settings: Settings) -> RelaySettings:
        return RelaySettings(batch_size=settings.events.batch_size)

    @provide
    def claims(
        self,
        engine: AsyncEngine,
        sessions: async_sessionmaker[AsyncSession],
        catalog: EventCatalog,
    ) -> OutboxClaims:
        return SqlaOutboxClaims(engine, sessions, catalog)

    @provide
    def deliverer(self, container: AsyncContainer) -> EventDeliverer:
        return ScopedEventDeliverer(container)

    relay = provide(RelayOutbox)

    @provide
    def loop(self, relay: RelayOutbox, settings: Settings) -> RelayLoop:
        assert settings.database_url is not None
        listener = PgListener(to_driver_dsn(settings.database_url), OUTBOX_CHANNEL)
        return RelayLoop(relay, listener, timedelta(seconds=settings.events.poll_seconds))


@asynccontextmanager
async def worker_container(
    settings: Settings, contexts: Sequence[ContextRegistration] = CONTEXTS
) -> AsyncIterator[AsyncContainer]:
    async with headless_container(settings, contexts, WorkerProvider()) as container:
        yield container


async def relay_events(settings: Settings, stop: asyncio.Event) -> None:
    """Run the relay loop until ``stop`` is set."""
    async with worker_container(settings) as container:
        loop = await container.get(RelayLoop)
        await loop.run(stop)
