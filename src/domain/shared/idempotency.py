"""Idempotency keys: a retried request returns the first answer instead of acting twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from domain.shared.errors import AppError, Conflict


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """The answer given the first time: status, body and the headers that matter to a
    client (ETag, Retry-After, ...), opaque to the use case."""

    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


class KeyInProgress(Conflict):
    default_detail = "A request with this Idempotency-Key is still being processed; retry soon."


class KeyReused(AppError):
    default_detail = "This Idempotency-Key was already used with a different request body."


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
