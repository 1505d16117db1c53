"""Service: idempotent requests, each claim and completion in its own short transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from application.idempotency.ports import IdempotencyClaim, IdempotencyKeys, StoredResponse
from domain.shared.actor import Actor
from domain.shared.clock import utc_now
from domain.shared.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class IdempotencyPolicy:
    ttl: timedelta = timedelta(hours=24)


class IdempotentRequests:
    def __init__(self, uow: UnitOfWork, keys: IdempotencyKeys, policy: IdempotencyPolicy) -> None:
        self._uow = uow
        self._keys = keys
        self._ttl = policy.ttl

    async def claim(self, actor: Actor, key: str, fingerprint: str) -> StoredResponse | None:
        claim = IdempotencyClaim(actor.user_id, key, fingerprint, utc_now() + self._ttl)
        async with self._uow as uow:
            stored = await self._keys.claim(claim)
            await uow.commit()
        return stored

    async def complete(self, actor: Actor, key: str, response: StoredResponse) -> None:
        async with self._uow as uow:
            await self._keys.complete(actor.user_id, key, response)
            await uow.commit()

    async def release(self, actor: Actor, key: str) -> None:
        async with self._uow as uow:
            await self._keys.release(actor.user_id, key)
            await uow.commit()
