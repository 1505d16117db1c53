"""The data of the scale curve (``bench/scale.py``): its points, and growing one database
from point to point.

Tenant A (signed up through the API) is measured. Every other tenant is written directly as
the owner role: a ``tenants`` row as signup writes it, one customer, a few products, orders.
Each point says how many tenants there are and how many orders in total; A holds half of
them, the other tenants share the other half evenly. Reaching a point only adds what is
missing (new tenants, more orders) and removes what is too much (a tenant with more orders
than the point gives it loses a random sample of them, lines first), then ``VACUUM
ANALYZE``; nothing is seeded twice.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from uuid import UUID

import asyncpg
from uuid_utils.compat import uuid7

from bench.seed import PRODUCTS, SeededTenant, add_orders, scope, seed_catalog, verify_tenant

OTHER_PRODUCTS = 20
"""Products of each tenant but A and B (1,000 tenants x 1,000 products would be 1M rows of
a table this benchmark does not read)."""


@dataclass(frozen=True, slots=True)
class Point:
    axis: str
    """``data`` (orders grow, 2 tenants) or ``tenants`` (the same total, more tenants)."""
    tenants: int
    total: int
    """Orders in total, of all tenants (``orders_of`` says who has how many)."""

    @property
    def label(self) -> str:
        return f"{self.axis}: {self.tenants:,} tenants, {self.total:,} orders"


def curve(quick: bool) -> list[Point]:
    """Orders 10k -> 100k -> 1M over 2 tenants, then the last total over 100 and 1,000
    tenants; ``quick`` stops at 100k orders and 100 tenants."""
    totals = (10_000, 100_000) if quick else (10_000, 100_000, 1_000_000)
    data = [Point("data", 2, total) for total in totals]
    spread = (100,) if quick else (100, 1_000)
    return data + [Point("tenants", tenants, totals[-1]) for tenants in spread]


def orders_of(point: Point) -> list[int]:
    """Orders per tenant, A first: half the total, the rest shared evenly by the others
    (rounded down: the point's real total is ``sum`` of this)."""
    own = point.total // 2
    others = (point.total - own) // (point.tenants - 1)
    return [own] + [others] * (point.tenants - 1)


async def create_tenant(connection: asyncpg.Connection, slug: str) -> UUID:
    """A ``tenants`` row as signup writes it (``SqlaTenantRepository.add``: an active tenant,
    timestamps now); RLS on ``tenants`` admits only the row of the transaction's tenant."""
    tenant_id = UUID(str(uuid7()))
    async with connection.transaction():
        await scope(connection, tenant_id)
        await connection.execute(
            "INSERT INTO tenants (id, name, slug, status) VALUES ($1, $2, $3, 'active')",
            tenant_id,
            f"Bench {slug}",
            slug,
        )
    return tenant_id


async def remove_orders(
    connection: asyncpg.Connection, tenant: SeededTenant, count: int, rng: random.Random
) -> None:
    """Delete ``count`` of the tenant's orders, a random sample (so the rest still spread
    over the 30 days), their lines first."""
    doomed = rng.sample(tenant.order_ids, count)
    gone = set(doomed)
    tenant.order_ids = [order_id for order_id in tenant.order_ids if order_id not in gone]
    async with connection.transaction():
        await scope(connection, tenant.tenant_id)
        lines = await connection.execute(
            "DELETE FROM order_lines WHERE order_id = ANY($1::uuid[])", doomed
        )
        await connection.execute("DELETE FROM orders WHERE id = ANY($1::uuid[])", doomed)
    tenant.lines -= int(lines.split()[-1])


@dataclass(frozen=True, slots=True)
class Reached:
    seconds: float
    """Wall time to reach the point: seeding, deleting, verifying, ``VACUUM ANALYZE``."""
    added: int
    removed: int


class ScaleData:
    """The tenants of the database, A first, and how they got to the current point."""

    def __init__(self, owner_url: str, tenant_a: UUID, seed: int) -> None:
        self._owner_url = owner_url
        self._tenant_a = tenant_a
        self._rng = random.Random(seed)
        self.tenants: list[SeededTenant] = []

    @property
    def a(self) -> SeededTenant:
        return self.tenants[0]

    async def reach(self, point: Point) -> Reached:
        """Add and remove what it takes to be at ``point``; verify every tenant."""
        started = time.perf_counter()
        connection = await asyncpg.connect(self._owner_url)
        added = removed = 0
        try:
            for slot, wanted in enumerate(orders_of(point)):
                tenant = await self._tenant(connection, slot)
                have = len(tenant.order_ids)
                if wanted > have:
                    await add_orders(connection, tenant, wanted - have, self._rng)
                    added += wanted - have
                elif wanted < have:
                    await remove_orders(connection, tenant, have - wanted, self._rng)
                    removed += have - wanted
            for tenant in self.tenants:
                await verify_tenant(connection, tenant)
            await connection.execute("VACUUM ANALYZE customers, products, orders, order_lines")
        finally:
            await connection.close()
        return Reached(time.perf_counter() - started, added, removed)

    async def _tenant(self, connection: asyncpg.Connection, slot: int) -> SeededTenant:
        if slot < len(self.tenants):
            return self.tenants[slot]
        slug = "bench-a" if slot == 0 else f"bench-{slot:04d}"
        tenant_id = self._tenant_a if slot == 0 else await create_tenant(connection, slug)
        products = PRODUCTS if slot < 2 else OTHER_PRODUCTS
        tenant = await seed_catalog(connection, tenant_id, slug, products)
        self.tenants.append(tenant)
        return tenant
