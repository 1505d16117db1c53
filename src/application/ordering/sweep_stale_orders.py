"""Operator use case (``tenantry sweep``, from cron): tenant by tenant, cancel the orders
whose payment never completed (releasing their stock) and finish the refunds that an
interrupted cancellation left ``refund_pending``.

Per tenant: one transaction cancels up to ``batch`` stale unpaid orders (``FOR UPDATE SKIP
LOCKED``, so sweeps may run in parallel), each by compare-and-set; then each stuck refund
is completed by ``RefundSettlement`` (gateway outside any transaction, its own record
transaction). Every transition's events leave through the unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from application.ordering.refunds import RefundSettlement
from application.ordering.stock import StockReservations
from application.ordering.transitions import snapshot
from domain.ordering.ports import OrderRepository
from domain.ordering.status import OrderStatus
from domain.shared.clock import utc_now
from domain.shared.errors import AppError
from domain.shared.tenant_roster import TenantRoster
from domain.shared.unit_of_work import UnitOfWork

REFUND_GRACE = timedelta(minutes=1)
"""A refund younger than this may still be completing in the request that started it."""


@dataclass(frozen=True, slots=True)
class SweepReport:
    tenants: int
    orders_expired: int
    refunds_completed: int
    refunds_still_pending: int


class SweepStaleOrders:
    def __init__(
        self,
        roster: TenantRoster,
        uow: UnitOfWork,
        orders: OrderRepository,
        stock: StockReservations,
        refunds: RefundSettlement,
    ) -> None:
        self._roster = roster
        self._uow = uow
        self._orders = orders
        self._stock = stock
        self._refunds = refunds

    async def __call__(self, pending_for: timedelta, batch: int = 500) -> SweepReport:
        tenant_ids = await self._roster.tenant_ids()
        expired = completed = pending = 0
        for tenant_id in tenant_ids:
            expired += await self._expire(tenant_id, utc_now() - pending_for, batch)
            done, left = await self._finish_refunds(tenant_id, utc_now() - REFUND_GRACE, batch)
            completed, pending = completed + done, pending + left
        return SweepReport(len(tenant_ids), expired, completed, pending)

    async def _expire(self, tenant_id: UUID, cutoff: datetime, batch: int) -> int:
        expired = 0
        async with self._uow.for_tenant(tenant_id) as uow:
            for order in await self._orders.stale_pending(cutoff, batch):
                before = snapshot(order)
                order.cancel()
                if await self._orders.save(order, *before):
                    await self._stock.release(order)
                    expired += 1
            await uow.commit()
        return expired

    async def _finish_refunds(
        self, tenant_id: UUID, cutoff: datetime, batch: int
    ) -> tuple[int, int]:
        async with self._uow.for_tenant(tenant_id):
            stuck = await self._orders.unchanged_since(OrderStatus.REFUND_PENDING, cutoff, batch)
        completed = 0
        for order in stuck:
            try:
                await self._refunds.complete(order)
            except AppError:  # silent or refusing gateway, a concurrent change: next order
                continue
            completed += 1
        return completed, len(stuck) - completed
