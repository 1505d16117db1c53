"""What an API process refuses without asking the database: deleted and suspended tenants'
and ended sessions' access tokens, kept current by notifications and re-reads."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import pytest

from application.identity.access_revocations import AccessRevocations
from domain.identity.errors import SessionRevoked, TenantDeleted, TenantSuspended
from domain.identity.principal import Principal
from domain.shared.actor import Role
from domain.shared.ids import new_id
from infrastructure.identity.revocation_watcher import RevocationWatcher, apply_notification


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
    revocations.reload(suspended=set(), ended={session}, deleted=set())
    revocations.check(_principal(acme, new_id()))  # resumed while nobody listened
    revocations.reload(suspended={acme}, ended=set(), deleted=set())
    with pytest.raises(TenantSuspended):
        revocations.check(_principal(acme, new_id()))
    revocations.check(_principal(new_id(), session))  # remembered 0 s: forgotten


def test_ended_sessions_are_remembered_for_an_access_tokens_lifetime() -> None:
    revocations = AccessRevocations(remember_seconds=900)
    session = new_id()
    revocations.session_ended(session)
    revocations.reload(suspended=set(), ended=set(), deleted=set())  # no longer listed
    with pytest.raises(SessionRevoked):
        revocations.check(_principal(new_id(), session))


def test_a_deleted_tenants_tokens_are_refused_for_an_access_tokens_lifetime() -> None:
    revocations = AccessRevocations(remember_seconds=900)
    acme, globex, later = new_id(), new_id(), new_id()
    apply_notification(revocations, f"tenant:{acme}:deleted")
    with pytest.raises(TenantDeleted):
        revocations.check(_principal(acme, new_id()))
    revocations.check(_principal(globex, new_id()))  # the other tenant is untouched
    revocations.reload(suspended=set(), ended=set(), deleted={later})  # missed: read
    revocations.reload(suspended=set(), ended=set(), deleted=set())  # no longer listed
    for tenant in (acme, later):
        with pytest.raises(TenantDeleted):
            revocations.check(_principal(tenant, new_id()))
    apply_notification(revocations, "tenant:not-a-uuid:deleted")  # ignored, not a crash


def test_deleted_tenants_are_forgotten_once_their_tokens_have_expired() -> None:
    revocations = AccessRevocations(remember_seconds=0)
    acme = new_id()
    revocations.tenant_deleted(acme)
    revocations.reload(suspended=set(), ended=set(), deleted=set())
    revocations.check(_principal(acme, new_id()))  # remembered 0 s: forgotten


async def test_a_notification_heard_during_a_re_read_is_not_lost() -> None:
    """The re-read may predate a suspension announced while it runs: the watcher applies
    what it heard meanwhile again after replacing its state."""
    revocations = AccessRevocations(remember_seconds=900)
    acme, globex = new_id(), new_id()

    class SlowSource:
        watcher: RevocationWatcher

        async def suspended_tenants(self) -> set[UUID]:
            self.watcher._notified(f"tenant:{acme}:suspended")  # committed during the read
            return {globex}  # what the read saw: before acme's suspension

        async def revoked_sessions(self, within_seconds: int) -> set[UUID]:
            return set()

        async def deleted_tenants(self, within_seconds: int) -> set[UUID]:
            return set()

    source = SlowSource()
    unreachable = "postgresql://nobody@127.0.0.1:9/none"  # LISTEN fails: the re-read remains
    source.watcher = RevocationWatcher(revocations, source, unreachable, refresh_seconds=60)
    await source.watcher.start()
    await source.watcher.stop()
    for tenant in (acme, globex):
        with pytest.raises(TenantSuspended):
            revocations.check(_principal(tenant, new_id()))
