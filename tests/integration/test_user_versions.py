"""The users table's compare-and-set on the version, in PostgreSQL as the runtime role."""

from __future__ import annotations

from domain.identity.tenant import Tenant
from domain.shared.actor import Role
from tests.integration.test_tenant_isolation import Sessions, add_user
from tests.scopes import in_tenant


async def test_a_stale_version_writes_and_deletes_nothing(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    alice = await add_user(sessions, tenant_a, "alice@acme.test")
    bob = await add_user(sessions, tenant_b, "bob@globex.test")

    async with in_tenant(sessions, tenant_a) as db:
        alice.change_role(Role.ADMIN)  # version 2, read at 1
        assert await db.users.save(alice, 2) is False
        assert await db.users.delete(alice.id, 2) is False
        assert await db.users.save(alice, 1) is True
        assert await db.users.replace_password(alice.id, alice.password_hash, "new") is True
        await db.commit()

    async with in_tenant(sessions, tenant_a) as db:
        stored = await db.users.get(alice.id)
        assert stored is not None and (stored.role, stored.version) == (Role.ADMIN, 3)
        assert await db.users.delete(alice.id, 2) is False
        assert await db.users.delete(alice.id, 3) is True
        await db.commit()
    async with in_tenant(sessions, tenant_b) as db:
        untouched = await db.users.get(bob.id)
    assert untouched is not None and untouched.version == 1
