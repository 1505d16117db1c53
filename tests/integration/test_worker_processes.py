"""``tenantry worker`` as separate processes on the real database: killed with SIGKILL in
the middle of its batches it loses nothing and applies nothing twice; two workers share
the outbox without taking the same event; each tenant's events stay in that tenant."""

from __future__ import annotations

import asyncio
import signal
from functools import partial

from tests.database import DatabaseUnderTest
from tests.mail import free_port, smtp_server
from tests.workers import (
    Sessions,
    effects,
    paid_events,
    reached,
    sent_count,
    stop,
    until,
    worker_process,
)


async def test_a_worker_killed_mid_batch_again_and_again_loses_and_repeats_nothing(
    database: DatabaseUnderTest, sessions: Sessions
) -> None:
    tenants = [await paid_events(sessions, slug, 100) for slug in ("acme", "globex", "initech")]
    progress = 0
    for _ in range(3):
        async with worker_process(database.urls.runtime) as worker:
            target = progress + 40
            await until(partial(reached, sessions, tenants, target))
            worker.send_signal(signal.SIGKILL)
            await worker.wait()
        progress = await sent_count(sessions, tenants)
    assert progress < 300, "the kills came too late to interrupt anything"
    async with worker_process(database.urls.runtime) as worker:
        await until(partial(reached, sessions, tenants, 300))
        await stop(worker)
    for tenant in tenants:
        events, settled_once, sent, distinct, processed, recipients = await effects(
            sessions, tenant
        )
        assert (events, sent, distinct, processed) == (100, 100, 100, 100)
        assert recipients == [f"buyer@{tenant.slug}.test"]


async def test_two_workers_share_a_thousand_events_of_four_tenants_each_exactly_once(
    database: DatabaseUnderTest, sessions: Sessions
) -> None:
    slugs = ("acme", "globex", "initech", "umbrella")
    tenants = [await paid_events(sessions, slug, 250) for slug in slugs]
    port = free_port()
    smtp = {"NOTIFICATION_CHANNEL": "smtp", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port)}
    with smtp_server(port) as (inbox, _):
        async with (
            worker_process(database.urls.runtime, SMTP_SECURITY="none", **smtp) as one,
            worker_process(database.urls.runtime, SMTP_SECURITY="none", **smtp) as two,
        ):
            await until(partial(reached, sessions, tenants, 1000), seconds=180)
            await asyncio.gather(stop(one), stop(two))
    assert len(inbox.messages) == 1000
    assert len({m["Message-ID"] for m in inbox.messages}) == 1000
    for tenant in tenants:
        events, settled_once, sent, distinct, processed, recipients = await effects(
            sessions, tenant
        )
        assert (events, settled_once, sent, distinct, processed) == (250, 250, 250, 250, 250)
        assert recipients == [f"buyer@{tenant.slug}.test"]
        assert len(inbox.to(f"buyer@{tenant.slug}.test")) == 250
