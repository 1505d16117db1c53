"""A login session: what a user sees as "signed in on that device", and the family its
refresh tokens rotate in. It ends at ``expires_at`` whatever rotation does, or when it is
revoked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from domain.shared.clock import utc_now
from domain.shared.ids import new_id


@dataclass(frozen=True, slots=True)
class SessionOrigin:
    """Where a session was started from, so its user can recognise it in a list."""

    client: str | None = None
    user_agent: str | None = None


@dataclass(slots=True)
class UserSession:
    id: UUID
    tenant_id: UUID
    user_id: UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    origin: SessionOrigin = SessionOrigin()

    @classmethod
    def start(
        cls, tenant_id: UUID, user_id: UUID, lifetime: timedelta, origin: SessionOrigin
    ) -> UserSession:
        now = utc_now()
        return cls(new_id(), tenant_id, user_id, now, now, now + lifetime, None, origin)

    def active(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at
