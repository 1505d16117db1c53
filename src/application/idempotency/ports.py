"""Ports of idempotent requests: what the HTTP layer stores under a key, and the key as a
use case behind it sees it.

A stored answer is HTTP-shaped (status, headers, body) because it is the edge's answer:
``IdempotencyKeys`` is used only by the edge's service and its adapter; the domain knows
nothing of it. ``RequestKey`` is what a use case behind a key sees: two calls, each inside
a transaction the use case commits anyway (no transaction of the key's own on the way).
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
    resource_id: UUID | None = None
    """The recovery point: what the effect committed with this claim creates."""
    response: StoredResponse | None = None
    """The answer, when the claim is made with it (a request that ended without an effect)."""


class IdempotencyKeys(Protocol):
    """Keys of the current tenant, scoped by (tenant, user, key); every call runs in the
    caller's open transaction."""

    async def claim(self, claim: IdempotencyClaim) -> Replay | None:
        """One statement: claim the key with its recovery point (and answer, if given);
        None means go ahead. An expired key is claimed afresh, and so is this request's own
        unanswered claim (same recovery point). Else the stored answer of the key's first
        use, or its recovery point when that use was interrupted after committing its
        effect.

        Raises ``KeyInProgress`` while the first use runs and ``KeyReused`` when the
        fingerprint differs.
        """
        ...

    async def complete(self, user_id: UUID, key: str, response: StoredResponse) -> None: ...

    async def abandon(self, user_id: UUID, key: str, resource_id: UUID) -> None:
        """The request that claimed the key for ``resource_id`` failed after committing
        it: mark that claim interrupted, if it is still unanswered (a retry gets its
        recovery point). Any other row under the key is left as it is."""
        ...

    async def purge_expired(self, now: datetime) -> int: ...


class RequestKey(Protocol):
    """The request's ``Idempotency-Key`` as the use case behind it sees it. Outside an
    idempotent request both calls do nothing."""

    async def claim(self, resource_id: UUID) -> None:
        """First, in the transaction that commits the effect creating ``resource_id``:
        claim the key bound to it, so from that commit on a retry never runs again. Raises
        ``Replayed`` when the key was used before (the use case must stop: the edge
        answers the first use), ``KeyInProgress`` or ``KeyReused``."""
        ...

    async def answer(self, outcome: object) -> None:
        """In the transaction that commits the request's last state: store the answer the
        client gets for ``outcome`` (the resource, or the ``AppError`` about to be raised),
        so the answer is durable with that state."""
        ...
