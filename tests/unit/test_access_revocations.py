"""What an API process refuses without asking the database: suspended tenants' and ended
sessions' access tokens, kept current by notifications and re-reads."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import pytest

from application.identity.access_revocations import AccessRevocations
from domain.identity.errors import SessionRevoked, TenantSuspended
from domain.identity.principal import Principal
from domain.shared.actor import Role
from domain.shared.ids import new_id
from infrastructure.identity.revocation_watcher import apply_notification


def _principal(tenant_id: UUID, session_id: UUID) -> Principal:
    return Principal(new_id(), tenant_id, Role.OWNER, session_id, "jti", datetime.now(UTC))


def test_notifications_suspend_and_resume_tenants_and_end_sessions() -> None:
    revocations = AccessRevocations(remember_seconds=900)
    acme, globex, session = new_id(), new_id(), new_id()
    apply_notification(revocations, f"tenant:{acme}:suspended")
    with pytest.raises(TenantSuspended):
        revocations.check(_principal(acme, new_id()))
    revocations.check(_principal(globex, new_id()))  # the other tenant is untouched
    apply_notification(revocations, f"tenant:{acme}:active")
    revocations.check(_principal(acme, new_id()))
    apply_notification(revocations, f"session:{session}")
    with pytest.raises(SessionRevoked):
        revocations.check(_principal(globex, session))
    apply_notification(revocations, "session:not-a-uuid")  # ignored, not a crash
    apply_notification(revocations, "tenant:")


def test_a_reload_replaces_suspensions_and_forgets_sessions_older_than_tokens() -> None:
    revocations = AccessRevocations(remember_seconds=0)
    acme, session = new_id(), new_id()
    revocations.tenant_suspended(acme)
    revocations.reload(suspended=set(), ended={session})
    revocations.check(_principal(acme, new_id()))  # resumed while nobody listened
    revocations.reload(suspended={acme}, ended=set())
    with pytest.raises(TenantSuspended):
        revocations.check(_principal(acme, new_id()))
    revocations.check(_principal(new_id(), session))  # remembered 0 s: forgotten


def test_ended_sessions_are_remembered_for_an_access_tokens_lifetime() -> None:
    revocations = AccessRevocations(remember_seconds=900)
    session = new_id()
    revocations.session_ended(session)
    revocations.reload(suspended=set(), ended=set())  # the re-read no longer lists it
    with pytest.raises(SessionRevoked):
        revocations.check(_principal(new_id(), session))
