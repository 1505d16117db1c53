"""The relay's rules on fakes: settle each event as done, retry with growing jittered
backoff, or dead-letter after the last attempt; stop between events and release the rest."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from application.events.handlers import Delivery, EventSubscriptions
from application.events.ports import DueWork, StoredEvent
from application.events.relay_outbox import RelayOutbox, RelaySettings
from application.events.retry_policy import RetryPolicy
from application.ordering.notify_customer import NotifyCustomer
from application.webhooks.subscriptions import subscribe
from domain.ordering.events import OrderPaid
from domain.webhooks.webhook import WebhookDeliveryRequested


class FakeBatch:
    def __init__(self, events: list[StoredEvent]) -> None:
        self.events: Sequence[StoredEvent] = events
        self.settled: list[tuple[str, UUID, str, timedelta | None]] = []
        self.released = False

    async def done(self, event_id: UUID) -> None:
        self.settled.append(("done", event_id, "", None))

    async def retry(self, event_id: UUID, error: str, delay: timedelta) -> None:
        self.settled.append(("retry", event_id, error, delay))

    async def dead(self, event_id: UUID, error: str) -> None:
        self.settled.append(("dead", event_id, error, None))

    def release(self) -> None:
        self.released = True


class FakeClaims:
    def __init__(self, batches: dict[UUID, FakeBatch]) -> None:
        self.batches = batches

    async def due(self, limit: int) -> DueWork:
        return DueWork(list(self.batches)[:limit], None)

    @asynccontextmanager
    async def claim(self, tenant_id: UUID, limit: int) -> AsyncIterator[FakeBatch]:
        yield self.batches[tenant_id]


class FailingFor:
    """Fails every delivery of the given event ids."""

    def __init__(self, *failing: UUID) -> None:
        self.failing = set(failing)
        self.delivered: list[tuple[UUID, int, bool]] = []

    async def deliver(self, delivery: Delivery, final: bool) -> Sequence[str]:
        self.delivered.append((delivery.event_id, delivery.attempt, final))
        return ["ordering.notify_customer: SMTP down"] if delivery.event_id in self.failing else []


def stored(tenant: UUID, attempts: int = 0, readable: bool = True) -> StoredEvent:
    event = OrderPaid(tenant, uuid4(), 100, "EUR") if readable else None
    problem = "" if readable else "unknown event type 'legacy.thing'"
    now = datetime.now(UTC)
    return StoredEvent(uuid4(), tenant, "order.paid", now, attempts, {}, event, problem)


async def test_events_are_done_retried_or_dead_lettered_by_their_attempt() -> None:
    a, b = uuid4(), uuid4()
    ok, failing, last, unreadable = stored(a), stored(a, 1), stored(b, 2), stored(b, 0, False)
    batches = {a: FakeBatch([ok, failing]), b: FakeBatch([last, unreadable])}
    deliverer = FailingFor(failing.id, last.id)
    policy = RetryPolicy(max_attempts=3, base=timedelta(seconds=2))
    relay = RelayOutbox(FakeClaims(batches), deliverer, policy, RelaySettings())

    assert (await relay.run_once(lambda: False)).settled == 4

    [done, retried] = batches[a].settled
    assert done[:2] == ("done", ok.id)
    assert retried[:3] == ("retry", failing.id, "ordering.notify_customer: SMTP down")
    assert retried[3] is not None and timedelta(seconds=2) <= retried[3] <= timedelta(seconds=4)
    assert [s[:2] for s in batches[b].settled] == [("dead", last.id), ("dead", unreadable.id)]
    assert "legacy.thing" in batches[b].settled[1][2]
    assert (last.id, 3, True) in deliverer.delivered  # the handler knew it was the last try
    assert all(event_id != unreadable.id for event_id, _, _ in deliverer.delivered)


async def test_a_stop_between_events_releases_the_rest_of_the_batch() -> None:
    tenant = uuid4()
    batch = FakeBatch([stored(tenant), stored(tenant), stored(tenant)])
    deliverer = FailingFor()
    relay = RelayOutbox(FakeClaims({tenant: batch}), deliverer, RetryPolicy(), RelaySettings())
    stop_after_one = iter([False, False, True])  # tenant, first event, second event

    assert (await relay.run_once(lambda: next(stop_after_one))).settled == 1
    assert batch.released and len(deliverer.delivered) == 1


async def test_a_pass_says_whether_more_may_be_due_than_notifications_announce() -> None:
    """Sleep after a pass that settled its events; run again after a full batch, a retry,
    or a pass that reached its tenant limit."""
    one, two = uuid4(), uuid4()

    async def more_due(
        batches: dict[UUID, FakeBatch], deliverer: FailingFor, settings: RelaySettings
    ) -> bool:
        relay = RelayOutbox(FakeClaims(batches), deliverer, RetryPolicy(), settings)
        return (await relay.run_once(lambda: False)).more_due

    settled = {one: FakeBatch([stored(one), stored(one)]), two: FakeBatch([stored(two)])}
    assert not await more_due(settled, FailingFor(), RelaySettings(batch_size=3))
    full = {one: FakeBatch([stored(one), stored(one)])}
    assert await more_due(full, FailingFor(), RelaySettings(batch_size=2))
    failing = stored(one)
    retried = {one: FakeBatch([stored(one), failing])}
    assert await more_due(retried, FailingFor(failing.id), RelaySettings())
    two_tenants = {one: FakeBatch([stored(one)]), two: FakeBatch([stored(two)])}
    assert await more_due(two_tenants, FailingFor(), RelaySettings(tenants_per_pass=2))
    dead = {one: FakeBatch([stored(one, 0, readable=False)])}
    assert not await more_due(dead, FailingFor(), RelaySettings())


def test_backoff_doubles_is_capped_and_jittered_between_half_and_full() -> None:
    policy = RetryPolicy(max_attempts=8, base=timedelta(seconds=2), cap=timedelta(seconds=60))
    rng = random.Random(7)
    for attempt, ceiling in [(1, 2), (2, 4), (3, 8), (5, 32), (6, 60), (30, 60)]:
        delays = {policy.delay(attempt, rng) for _ in range(50)}
        assert all(
            timedelta(seconds=ceiling / 2) <= d <= timedelta(seconds=ceiling) for d in delays
        )
        assert len(delays) > 1, "no jitter"
    assert not policy.is_final(7) and policy.is_final(8)


def test_handlers_of_every_external_event_skip_bookkeeping_events() -> None:
    subscriptions = EventSubscriptions()
    subscriptions.on(OrderPaid, NotifyCustomer)
    subscribe(subscriptions)
    tenant = uuid4()
    paid = OrderPaid(tenant, uuid4(), 100, "EUR")
    request = WebhookDeliveryRequested(
        tenant, uuid4(), uuid4(), "order.paid", datetime.now(UTC), {}
    )
    assert [h.__name__ for h in subscriptions.handlers_for(paid)] == [
        "NotifyCustomer",
        "FanOutToWebhooks",
    ]
    assert [h.__name__ for h in subscriptions.handlers_for(request)] == ["SendWebhook"]
