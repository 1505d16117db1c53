"""Service: one idempotent request, from the claim of its key to its answer.

Transactions: ``claim``, ``complete`` and ``abandon`` each run in their own short
transaction. ``reached`` (the ``RecoveryPoint`` port) opens none: the use case calls it
inside the transaction that commits its effect, so the key's recovery point commits or
rolls back with that effect.

One instance per request scope: it remembers the key it claimed, and the use case gets the
same instance as its ``RecoveryPoint``.

A key's life: claimed (in progress, 409 to a concurrent use) -> completed with the stored
answer; or, on an unexpected failure, freed when no effect was bound to it, else kept
bound and marked interrupted (a replay answers the bound resource's current state).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from application.idempotency.ports import IdempotencyClaim, IdempotencyKeys, Replay, StoredResponse
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
        self._claimed: tuple[UUID, str] | None = None

    async def claim(self, actor: Actor, key: str, fingerprint: str) -> Replay | None:
        """None: the key is this request's now, run it; else the answer to replay."""
        claim = IdempotencyClaim(actor.user_id, key, fingerprint, utc_now() + self._ttl)
        async with self._uow as uow:
            replay = await self._keys.claim(claim)
            await uow.commit()
        if replay is None:
            self._claimed = (actor.user_id, key)
        return replay

    async def reached(self, resource_id: UUID) -> None:
        """``RecoveryPoint``: bind the claimed key to ``resource_id`` in the open
        transaction; nothing when this request claimed no key."""
        if self._claimed is not None:
            await self._keys.bind(*self._claimed, resource_id)

    async def complete(self, response: StoredResponse) -> None:
        user_id, key = self._claim()
        async with self._uow as uow:
            await self._keys.complete(user_id, key, response)
            await uow.commit()

    async def abandon(self) -> None:
        """After an unexpected failure: free the key, unless an effect was committed under
        it (then it stays bound, marked interrupted)."""
        user_id, key = self._claim()
        async with self._uow as uow:
            await self._keys.abandon(user_id, key)
            await uow.commit()

    def _claim(self) -> tuple[UUID, str]:
        if self._claimed is None:
            raise RuntimeError("no Idempotency-Key was claimed in this request")
        return self._claimed
