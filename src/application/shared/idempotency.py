"""Service: idempotent requests, each claim and completion in its own short transaction."""

from __future__ import annotations

from datetime import timedelta

from domain.identity.principal import Principal
from domain.shared.clock import utc_now
from domain.shared.idempotency import IdempotencyClaim, StoredResponse
from domain.shared.unit_of_work import UnitOfWork


class IdempotentRequests:
    def __init__(self, uow: UnitOfWork, ttl: timedelta) -> None:
        self._uow = uow
        self._ttl = ttl

    async def claim(self, actor: Principal, key: str, fingerprint: str) -> StoredResponse | None:
        claim = IdempotencyClaim(actor.user_id, key, fingerprint, utc_now() + self._ttl)
        async with self._uow as uow:
            stored = await uow.idempotency_keys.claim(claim)
            await uow.commit()
        return stored

    async def complete(self, actor: Principal, key: str, response: StoredResponse) -> None:
        async with self._uow as uow:
            await uow.idempotency_keys.complete(actor.user_id, key, response)
            await uow.commit()

    async def release(self, actor: Principal, key: str) -> None:
        async with self._uow as uow:
            await uow.idempotency_keys.release(actor.user_id, key)
            await uow.commit()
