"""Two tenants, one database: the repositories and row-level security keep them apart."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity.tenant import Tenant
from domain.identity.user import User
from domain.shared.actor import Role
from domain.shared.errors import Conflict, PermissionDenied
from domain.shared.listing import ListQuery, Ordering
from domain.shared.pagination import PageRequest
from tests.scopes import in_tenant

Sessions = async_sessionmaker[AsyncSession]
FIRST_PAGE = ListQuery(PageRequest(50, 0), Ordering("created_at", False))


async def add_user(sessions: Sessions, tenant: Tenant, email: str) -> User:
    user = User.create(tenant.id, email, "argon2-hash-placeholder", Role.MEMBER)
    async with in_tenant(sessions, tenant) as db:
        await db.users.add(user)
        await db.commit()
    return user


async def test_each_tenant_reads_only_its_own_users(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    alice = await add_user(sessions, tenant_a, "alice@acme.test")
    bob = await add_user(sessions, tenant_b, "bob@globex.test")

    async with in_tenant(sessions, tenant_a) as db:
        assert await db.users.get(bob.id) is None
        assert (await db.users.get(alice.id)) is not None
        page = await db.users.list(FIRST_PAGE)
        # Below the repository's tenant filter, row-level security shows the same.
        raw_emails = await db.session.scalars(text("SELECT email FROM users"))
        assert list(raw_emails) == ["alice@acme.test"]
    assert [u.email for u in page.items] == ["alice@acme.test"]
    assert page.total == 1


async def test_a_tenant_cannot_update_or_delete_another_tenants_user(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    bob = await add_user(sessions, tenant_b, "bob@globex.test")

    async with in_tenant(sessions, tenant_a) as db:
        bob.change_role(Role.ADMIN)
        assert await db.users.save(bob, bob.version - 1) is False
        assert await db.users.delete(bob.id, bob.version - 1) is False
        # Below the repository: unfiltered SQL still cannot reach tenant B's row.
        session = db.session
        updated = await session.execute(text("UPDATE users SET role = 'owner'"))
        deleted = await session.execute(text("DELETE FROM users"))
        assert (updated.rowcount, deleted.rowcount) == (0, 0)  # type: ignore[attr-defined]
        await db.commit()

    async with in_tenant(sessions, tenant_b) as db:
        stored = await db.users.get(bob.id)
    assert stored is not None and stored.role is Role.MEMBER


async def test_writing_a_row_for_another_tenant_is_rejected(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    intruder = User.create(tenant_b.id, "mallory@acme.test", "hash", Role.OWNER)
    with pytest.raises(PermissionDenied):
        async with in_tenant(sessions, tenant_a) as db:
            await db.users.add(intruder)
            await db.commit()

    async with in_tenant(sessions, tenant_b) as db:
        assert (await db.users.list(FIRST_PAGE)).total == 0


async def test_without_a_tenant_nothing_is_visible_and_writes_fail(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    await add_user(sessions, tenant_a, "alice@acme.test")
    await add_user(sessions, tenant_b, "bob@globex.test")

    async with in_tenant(sessions, None) as db:
        session = db.session
        assert await session.scalar(text("SELECT count(*) FROM users")) == 0
        assert await session.scalar(text("SELECT count(*) FROM tenants")) == 0
        assert await db.tenants.get(tenant_a.id) is None

    with pytest.raises(PermissionDenied):
        async with in_tenant(sessions, None) as db:
            await db.users.add(User.create(tenant_a.id, "eve@acme.test", "hash", Role.MEMBER))


async def test_tenant_rows_are_visible_only_to_their_own_tenant(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    async with in_tenant(sessions, tenant_a) as db:
        assert await db.tenants.get(tenant_b.id) is None
        own = await db.tenants.get(tenant_a.id)
    assert own is not None and own.slug == "acme"


async def test_same_email_is_allowed_in_two_tenants_but_unique_within_one(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    await add_user(sessions, tenant_a, "ops@example.test")
    await add_user(sessions, tenant_b, "ops@example.test")
    with pytest.raises(Conflict):
        await add_user(sessions, tenant_a, "OPS@example.test")
