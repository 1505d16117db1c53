"""The edge's port for idempotent requests: what the HTTP layer stores under a key.

A stored answer is HTTP-shaped (status, headers, body) because it is the edge's answer:
this port is owned by the interface and used only there and by its adapter; the domain
knows nothing of it.
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
class IdempotencyClaim:
    user_id: UUID
    key: str
    fingerprint: str
    expires_at: datetime


class IdempotencyKeys(Protocol):
    """Keys of the current tenant, scoped by (tenant, user, key)."""

    async def claim(self, claim: IdempotencyClaim) -> StoredResponse | None:
        """Claim the key (None: go ahead), or return the stored answer of its first use.

        Raises ``KeyInProgress`` while the first use runs and ``KeyReused`` when the
        fingerprint differs. An expired key is claimed afresh.
        """
        ...

    async def complete(self, user_id: UUID, key: str, response: StoredResponse) -> None: ...

    async def release(self, user_id: UUID, key: str) -> None:
        """Forget a claim whose request failed unexpectedly, so it may be retried."""
        ...

    async def purge_expired(self, now: datetime) -> int: ...
