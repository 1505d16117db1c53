"""Ports of idempotent requests: what the HTTP layer stores under a key, and the recovery
point a use case marks when it commits its effect.

A stored answer is HTTP-shaped (status, headers, body) because it is the edge's answer:
``IdempotencyKeys`` is used only by the edge's service and its adapter; the domain knows
nothing of it. ``RecoveryPoint`` is what a use case behind a key sees: one call, inside the
transaction that commits its side effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """The answer given the first time: status, body and the headers that matter to a
    client (ETag, Retry-After, ...)."""

    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Recovered:
    """The first use committed its effect (creating ``resource_id``) and then failed
    unexpectedly: a replay answers that resource as it is now, and never runs again."""

    resource_id: UUID


Replay = StoredResponse | Recovered
"""What a claim of a used key gives back instead of the go-ahead."""


@dataclass(frozen=True, slots=True)
class IdempotencyClaim:
    user_id: UUID
    key: str
    fingerprint: str
    expires_at: datetime


class IdempotencyKeys(Protocol):
    """Keys of the current tenant, scoped by (tenant, user, key)."""

    async def claim(self, claim: IdempotencyClaim) -> Replay | None:
        """Claim the key (None: go ahead), or return the stored answer of its first use, or
        its recovery point when that use was interrupted after committing its effect.

        Raises ``KeyInProgress`` while the first use runs and ``KeyReused`` when the
        fingerprint differs. An expired key is claimed afresh.
        """
        ...

    async def bind(self, user_id: UUID, key: str, resource_id: UUID) -> None:
        """In the caller's open transaction: the claimed key's effect created
        ``resource_id`` (the key's recovery point commits or rolls back with the effect)."""
        ...

    async def complete(self, user_id: UUID, key: str, response: StoredResponse) -> None: ...

    async def abandon(self, user_id: UUID, key: str) -> None:
        """The request failed unexpectedly: forget the claim if no effect was bound to it
        (nothing happened, a retry runs afresh), else mark it interrupted (a retry gets
        its recovery point)."""
        ...

    async def purge_expired(self, now: datetime) -> int: ...


class RecoveryPoint(Protocol):
    """What a use case behind an ``Idempotency-Key`` calls inside the transaction that
    commits its side effect, naming what it created: from that commit on, the key stays
    bound to it whatever fails afterwards. Outside an idempotent request it does nothing."""

    async def reached(self, resource_id: UUID) -> None: ...
