"""The benchmark's lock sampler, against a real PostgreSQL: waits on a stock row told
apart from other lock waits, two tenants."""

from __future__ import annotations

import asyncio
from uuid import UUID

import asyncpg
import pytest

from bench.lock_waits import LockProbe
from domain.identity.tenant import Tenant
from tests.database import DatabaseUnderTest, runs_citus


async def _in_tenant(connection: asyncpg.Connection, tenant: Tenant) -> None:
    await connection.execute("BEGIN")
    await connection.execute(f"SET LOCAL app.tenant_id = '{tenant.id}'")


async def _product(url: str, tenant: Tenant) -> UUID:
    connection = await asyncpg.connect(url)
    try:
        await _in_tenant(connection, tenant)
        product_id = UUID(int=tenant.id.int ^ 1)
        await connection.execute(
            "INSERT INTO products (tenant_id, id, sku, name, description, currency,"
            " unit_price_minor, stock_quantity, active, version)"
            " VALUES ($1, $2, 'SKU-1', 'P', '', 'EUR', 100, 10, true, 1)",
            tenant.id,
            product_id,
        )
        await connection.execute("COMMIT")
    finally:
        await connection.close()
    return product_id


_TAKE = "UPDATE products SET stock_quantity = stock_quantity - 1 WHERE id = $1"


async def test_the_sampler_times_waits_on_a_stock_row_apart_from_other_lock_waits(
    database: DatabaseUnderTest, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    """Tenant A's stock row is held for 0.6 s while another transaction waits for it, and an
    advisory lock for 0.3 s; tenant B's row is taken meanwhile without waiting."""
    urls = database.urls
    if await runs_citus(database):
        pytest.skip("on Citus a row lock is waited for on a worker")
    products = {t.id: await _product(urls.runtime, t) for t in (tenant_a, tenant_b)}
    holder, waiter, other = [await asyncpg.connect(urls.runtime) for _ in range(3)]
    try:
        await _in_tenant(holder, tenant_a)
        await holder.execute(_TAKE, products[tenant_a.id])
        await holder.execute("SELECT pg_advisory_lock(4242)")
        probe = LockProbe.for_runtime(urls.superuser, urls.runtime, interval_ms=10)
        with probe.sampler() as sampler:
            await _in_tenant(waiter, tenant_a)
            waiting = asyncio.ensure_future(waiter.execute(_TAKE, products[tenant_a.id]))
            await _in_tenant(other, tenant_b)
            await other.execute(_TAKE, products[tenant_b.id])  # another row: no wait
            await asyncio.sleep(0.6)
            await holder.execute("COMMIT")
            await waiting
            await waiter.execute("COMMIT")
            advisory = asyncio.ensure_future(waiter.execute("SELECT pg_advisory_lock(4242)"))
            await asyncio.sleep(0.3)
            await holder.execute("SELECT pg_advisory_unlock(4242)")
            await advisory
    finally:
        for opened in (holder, waiter, other):
            await opened.close()
    locks = sampler.result
    assert locks is not None
    assert 0.45 <= locks.stock_wait_s <= 0.8 and 0.45 <= locks.stock_busy_s <= 0.8
    assert 0.2 <= locks.other_wait_s <= 0.5
    assert list(locks.others) == ["advisory: SELECT pg_advisory_lock(4242)"]
    assert locks.window_s >= 0.9 and locks.samples >= 40
