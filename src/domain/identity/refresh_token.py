"""Refresh tokens: opaque, single use, rotating within a family (one login session)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from domain.shared.clock import utc_now
from domain.shared.ids import new_id


@dataclass(slots=True)
class RefreshToken:
    """One issued refresh token; only the hash of its secret is ever stored."""

    id: UUID
    tenant_id: UUID
    user_id: UUID
    family_id: UUID
    token_hash: str
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None

    @classmethod
    def issue(
        cls,
        tenant_id: UUID,
        user_id: UUID,
        token_hash: str,
        ttl: timedelta,
        family_id: UUID,
        session_ends: datetime | None = None,
    ) -> RefreshToken:
        """A new token of the family, valid for ``ttl`` but never past ``session_ends``."""
        expires = utc_now() + ttl
        if session_ends is not None:
            expires = min(expires, session_ends)
        return cls(new_id(), tenant_id, user_id, family_id, token_hash, expires)

    @property
    def spent(self) -> bool:
        """Used or revoked: presenting it again means it was stolen or replayed."""
        return self.used_at is not None or self.revoked_at is not None

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at
