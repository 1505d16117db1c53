"""``tenantry worker`` as separate processes on the real database: killed with SIGKILL in
the middle of its batches it loses nothing and applies nothing twice; two workers share
the outbox without taking the same event; each tenant's events stay in that tenant."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import partial

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.customers.customer import Customer
from domain.identity.tenant import Tenant
from domain.ordering.events import OrderPaid
from domain.ordering.order import Order
from infrastructure.events.outbox import SqlaEventOutbox
from tests.conftest import register_tenant
from tests.database import DatabaseUnderTest
from tests.mail import free_port, smtp_server
from tests.scopes import CATALOG, in_tenant

Sessions = async_sessionmaker[AsyncSession]
WORKER = "from interface.cli.main import main; raise SystemExit(main(['worker']))"

_EFFECTS = text("""
SELECT (SELECT count(*) FROM outbox WHERE tenant_id = :t AND event_type = 'order.paid'),
       (SELECT count(*) FROM outbox WHERE tenant_id = :t AND event_type = 'order.paid'
          AND status = 'done' AND attempts = 1),
       (SELECT count(*) FROM notifications WHERE tenant_id = :t AND status = 'sent'),
       (SELECT count(DISTINCT event_id) FROM notifications WHERE tenant_id = :t),
       (SELECT count(*) FROM processed_events WHERE tenant_id = :t),
       (SELECT array_agg(DISTINCT recipient) FROM notifications WHERE tenant_id = :t)
""")


async def _paid_events(sessions: Sessions, slug: str, count: int) -> Tenant:
    """A tenant whose outbox holds ``count`` ``order.paid`` events of one order."""
    tenant = await register_tenant(sessions, slug)
    customer = Customer.create(tenant.id, f"buyer@{slug}.test", "Buyer")
    order = Order.place(tenant.id, customer.id, "EUR", [])
    async with in_tenant(sessions, tenant) as db:
        await db.customers.add(customer)
        await db.orders.add(order)
        events = [OrderPaid(tenant.id, order.id, 100, "EUR") for _ in range(count)]
        await SqlaEventOutbox(db.db, CATALOG).append(events)
        await db.commit()
    return tenant


async def _effects(sessions: Sessions, tenant: Tenant) -> tuple[int, int, int, int, int, list[str]]:
    async with in_tenant(sessions, tenant) as db:
        row = (await db.session.execute(_EFFECTS, {"t": tenant.id})).one()
    return row[0], row[1], row[2], row[3], row[4], list(row[5] or [])


async def _done(sessions: Sessions, tenants: list[Tenant]) -> int:
    return sum([(await _effects(sessions, t))[2] for t in tenants])


@asynccontextmanager
async def _worker(
    database: DatabaseUnderTest, **env: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    environment = {
        **os.environ,
        "DATABASE_URL": database.urls.runtime,
        "JWT_SECRET": "test-only-secret-not-for-production-0123456789",
        "NOTIFICATION_CHANNEL": "console",
        "RELAY_BATCH_SIZE": "20",
        "RELAY_POLL_SECONDS": "1",
        "DB_POOL_SIZE": "3",
        **env,
    }
    environment.pop("DATABASE_OWNER_URL", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", WORKER, env=environment,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def _until(condition: Callable[[], Awaitable[bool]], seconds: float = 90) -> None:
    async with asyncio.timeout(seconds):
        while not await condition():
            await asyncio.sleep(0.05)


async def _stop(process: asyncio.subprocess.Process) -> None:
    process.send_signal(signal.SIGTERM)
    async with asyncio.timeout(30):
        _, errors = await process.communicate()
    assert process.returncode == 0, errors.decode()


async def test_a_worker_killed_mid_batch_again_and_again_loses_and_repeats_nothing(
    database: DatabaseUnderTest, sessions: Sessions
) -> None:
    tenants = [await _paid_events(sessions, slug, 100) for slug in ("acme", "globex", "initech")]
    progress = 0
    for _ in range(3):
        async with _worker(database) as worker:
            target = progress + 40
            await _until(partial(_reached, sessions, tenants, target))
            worker.send_signal(signal.SIGKILL)
            await worker.wait()
        progress = await _done(sessions, tenants)
    assert progress < 300, "the kills came too late to interrupt anything"
    async with _worker(database) as worker:
        await _until(partial(_reached, sessions, tenants, 300))
        await _stop(worker)
    for tenant in tenants:
        events, settled_once, sent, distinct, processed, recipients = await _effects(
            sessions, tenant
        )
        assert (events, sent, distinct, processed) == (100, 100, 100, 100)
        assert recipients == [f"buyer@{tenant.slug}.test"]


async def _reached(sessions: Sessions, tenants: list[Tenant], target: int) -> bool:
    return await _done(sessions, tenants) >= target


async def test_two_workers_share_a_thousand_events_of_four_tenants_each_exactly_once(
    database: DatabaseUnderTest, sessions: Sessions
) -> None:
    slugs = ("acme", "globex", "initech", "umbrella")
    tenants = [await _paid_events(sessions, slug, 250) for slug in slugs]
    port = free_port()
    smtp = {"NOTIFICATION_CHANNEL": "smtp", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port)}
    with smtp_server(port) as (inbox, _):
        async with (
            _worker(database, SMTP_SECURITY="none", **smtp) as one,
            _worker(database, SMTP_SECURITY="none", **smtp) as two,
        ):
            await _until(partial(_reached, sessions, tenants, 1000), seconds=180)
            await asyncio.gather(_stop(one), _stop(two))
    assert len(inbox.messages) == 1000
    assert len({m["Message-ID"] for m in inbox.messages}) == 1000
    for tenant in tenants:
        events, settled_once, sent, distinct, processed, recipients = await _effects(
            sessions, tenant
        )
        assert (events, settled_once, sent, distinct, processed) == (250, 250, 250, 250, 250)
        assert recipients == [f"buyer@{tenant.slug}.test"]
        assert len(inbox.to(f"buyer@{tenant.slug}.test")) == 250
