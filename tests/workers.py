"""Helpers for tests of ``tenantry worker`` processes: tenants with many ``order.paid``
events, a worker subprocess, and what the events' handlers did."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.customers.customer import Customer
from domain.identity.tenant import Tenant
from domain.ordering.events import OrderPaid
from domain.ordering.order import Order
from infrastructure.events.outbox import SqlaEventOutbox
from tests.conftest import register_tenant
from tests.scopes import CATALOG, in_tenant

Sessions = async_sessionmaker[AsyncSession]
WORKER = "from interface.cli.main import main; raise SystemExit(main(['worker']))"

_EFFECTS = text("""
SELECT (SELECT count(*) FROM outbox WHERE tenant_id = :t AND event_type = 'order.paid'),
       (SELECT count(*) FROM outbox WHERE tenant_id = :t AND event_type = 'order.paid'
          AND status = 'done' AND attempts = 1),
       (SELECT count(*) FROM notifications WHERE tenant_id = :t AND status = 'sent'),
       (SELECT count(DISTINCT event_id) FROM notifications WHERE tenant_id = :t),
       (SELECT count(*) FROM processed_events WHERE tenant_id = :t
          AND handler = 'ordering.notify_customer'),
       (SELECT array_agg(DISTINCT recipient) FROM notifications WHERE tenant_id = :t)
""")


async def paid_events(sessions: Sessions, slug: str, count: int) -> Tenant:
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


async def effects(sessions: Sessions, tenant: Tenant) -> tuple[int, int, int, int, int, list[str]]:
    async with in_tenant(sessions, tenant) as db:
        row = (await db.session.execute(_EFFECTS, {"t": tenant.id})).one()
    return row[0], row[1], row[2], row[3], row[4], list(row[5] or [])


async def sent_count(sessions: Sessions, tenants: list[Tenant]) -> int:
    return sum([(await effects(sessions, t))[2] for t in tenants])


@asynccontextmanager
async def worker_process(
    database_url: str, **env: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    """``tenantry worker`` on ``database_url`` (console notifications unless ``env`` says
    otherwise); killed on exit if still running."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
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


async def until(condition: Callable[[], Awaitable[bool]], seconds: float = 90) -> None:
    async with asyncio.timeout(seconds):
        while not await condition():
            await asyncio.sleep(0.05)


async def stop(process: asyncio.subprocess.Process) -> str:
    """SIGTERM, then the worker's log (stderr) once it exited 0."""
    process.send_signal(signal.SIGTERM)
    async with asyncio.timeout(30):
        _, errors = await process.communicate()
    assert process.returncode == 0, errors.decode()
    return errors.decode()


async def reached(sessions: Sessions, tenants: list[Tenant], target: int) -> bool:
    return await sent_count(sessions, tenants) >= target
