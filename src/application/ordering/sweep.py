"""Use case for operators: cancel orders whose payment never completed, release their
stock, and purge expired idempotency keys, tenant by tenant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from application.ordering.stock import StockReservations
from domain.shared.clock import utc_now
from domain.shared.unit_of_work import UnitOfWorkFactory
from domain.tenancy.ports import TenantCatalog


@dataclass(frozen=True, slots=True)
class SweepReport:
    tenants: int
    orders_expired: int
    keys_purged: int


class SweepStale:
    """One transaction per tenant; ``FOR UPDATE SKIP LOCKED`` lets sweeps run in parallel."""

    def __init__(
        self, catalog: TenantCatalog, uows: UnitOfWorkFactory, stock: StockReservations
    ) -> None:
        self._catalog = catalog
        self._uows = uows
        self._stock = stock

    async def __call__(self, pending_for: timedelta, batch: int = 500) -> SweepReport:
        expired = purged = 0
        tenants = await self._catalog.list_all()
        cutoff = utc_now() - pending_for
        for tenant in tenants:
            async with self._uows.for_tenant(tenant.id) as uow:
                for order in await uow.orders.stale_pending(cutoff, batch):
                    before = (order.status, order.version)
                    order.cancel()
                    if await uow.orders.save(order, *before):
                        await self._stock.release(uow, order)
                        expired += 1
                purged += await uow.idempotency_keys.purge_expired(utc_now())
                await uow.commit()
        return SweepReport(len(tenants), expired, purged)
