"""What this process refuses on every request without asking the database: access tokens
of deleted and suspended tenants and of ended sessions.

An access token is verified by its signature alone, so without this it would outlive a
suspension or a revoked session until its ``exp``. A watcher (infrastructure) keeps the
state current: notifications bring each change at once, and a periodic re-read through
``RevocationSource`` catches any notification that was missed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Protocol
from uuid import UUID

from domain.identity.errors import SessionRevoked, TenantDeleted, TenantSuspended
from domain.identity.principal import Principal


class RevocationSource(Protocol):
    async def suspended_tenants(self) -> set[UUID]: ...

    async def revoked_sessions(self, within_seconds: int) -> set[UUID]:
        """Sessions ended in the last ``within_seconds``."""
        ...

    async def deleted_tenants(self, within_seconds: int) -> set[UUID]:
        """Tenants deleted in the last ``within_seconds``."""
        ...


class AccessRevocations:
    def __init__(self, remember_seconds: int) -> None:
        """``remember_seconds``: how long an ended session or a deleted tenant is
        remembered; the lifetime of an access token, after which none of theirs can still
        be valid."""
        self.remember_seconds = remember_seconds
        self._suspended: frozenset[UUID] = frozenset()
        self._ended: dict[UUID, float] = {}
        self._deleted: dict[UUID, float] = {}

    def __deepcopy__(self, memo: dict[int, object]) -> AccessRevocations:
        """The one state of this process: the web framework deep-copies middleware settings,
        and a copy would never hear of a revocation."""
        return self

    def check(self, principal: Principal) -> None:
        """Raise ``TenantDeleted``, ``TenantSuspended`` or ``SessionRevoked`` when the token
        must be refused."""
        if principal.tenant_id in self._deleted:
            raise TenantDeleted()
        if principal.tenant_id in self._suspended:
            raise TenantSuspended()
        if principal.session_id in self._ended:
            raise SessionRevoked()

    def tenant_suspended(self, tenant_id: UUID) -> None:
        self._suspended = self._suspended | {tenant_id}

    def tenant_resumed(self, tenant_id: UUID) -> None:
        self._suspended = self._suspended - {tenant_id}

    def tenant_deleted(self, tenant_id: UUID) -> None:
        self._deleted.setdefault(tenant_id, time.monotonic())

    def session_ended(self, session_id: UUID) -> None:
        self._ended[session_id] = time.monotonic()

    def reload(
        self, suspended: Iterable[UUID], ended: Iterable[UUID], deleted: Iterable[UUID]
    ) -> None:
        """Take a fresh read: the suspended tenants as they are now, and the sessions ended
        and tenants deleted recently (added to those already known; entries older than the
        tokens are dropped)."""
        self._suspended = frozenset(suspended)
        self._ended = self._remembered(self._ended, ended)
        self._deleted = self._remembered(self._deleted, deleted)

    def _remembered(self, known: dict[UUID, float], read: Iterable[UUID]) -> dict[UUID, float]:
        now = time.monotonic()
        for key in read:
            known.setdefault(key, now)
        horizon = now - self.remember_seconds
        return {key: seen for key, seen in known.items() if seen > horizon}
