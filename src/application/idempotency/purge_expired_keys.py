"""Operator use case (``tenantry sweep``): delete expired idempotency keys, tenant by
tenant, one transaction each."""

from __future__ import annotations

from application.idempotency.ports import IdempotencyKeys
from domain.shared.clock import utc_now
from domain.shared.tenant_roster import TenantRoster
from domain.shared.unit_of_work import UnitOfWork


class PurgeExpiredKeys:
    def __init__(self, roster: TenantRoster, uow: UnitOfWork, keys: IdempotencyKeys) -> None:
        self._roster = roster
        self._uow = uow
        self._keys = keys

    async def __call__(self) -> int:
        purged = 0
        for tenant_id in await self._roster.tenant_ids():
            async with self._uow.for_tenant(tenant_id) as uow:
                purged += await self._keys.purge_expired(utc_now())
                await uow.commit()
        return purged
