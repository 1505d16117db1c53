"""A user's version on in-memory fakes: every change bumps it, and a change committed by
someone else between the read and the write is a 412 that writes nothing."""

from __future__ import annotations

from uuid import UUID

import pytest

from application.identity.delete_user import DeleteUser
from application.identity.update_user import UpdateUser, UserChanges
from domain.identity.user import User
from domain.shared.actor import Actor, Role
from domain.shared.versioning import PreconditionFailed, PreconditionRequired
from tests.unit.fakes_identity import FakeUsers
from tests.unit.identity_world import World, two_tenants


def test_every_change_to_a_user_bumps_its_version() -> None:
    user = User.create(UUID(int=1), "bob@acme.test", "hash", Role.MEMBER)
    assert user.version == 1
    user.update(role=Role.ADMIN)
    user.update(email="robert@acme.test")
    user.with_password("another hash")
    assert user.version == 4


async def _acme_with_bob(world: World) -> tuple[Actor, User]:
    users = list(world.database.rows("users").values())
    (ada,) = [u for u in users if u.email == "ada@acme.test"]
    bob = User.create(ada.tenant_id, "bob@acme.test", "hash", Role.MEMBER)
    async with world.uow.for_tenant(ada.tenant_id) as uow:
        await world.users.add(bob)
        await uow.commit()
    return Actor(ada.id, ada.tenant_id, Role.OWNER), bob


class ChangedMeanwhile(FakeUsers):
    """Another request commits a change to the user just after this one has read it."""

    def __init__(self, world: World) -> None:
        super().__init__(world.session)
        self._committed = world.database

    async def get(self, user_id: UUID) -> User | None:
        user = await super().get(user_id)
        theirs = self._committed.rows("users")[user_id]
        theirs.email, theirs.version = "changed@acme.test", theirs.version + 1
        return user


async def test_a_change_committed_after_the_read_makes_an_update_a_412() -> None:
    world = await two_tenants()
    owner, bob = await _acme_with_bob(world)
    update = UpdateUser(
        world.uow.for_tenant(owner.tenant_id), ChangedMeanwhile(world), world.sessions
    )
    with pytest.raises(PreconditionFailed):
        await update(owner, bob.id, 1, UserChanges(role=Role.ADMIN))
    stored = world.database.rows("users")[bob.id]
    assert (stored.role, stored.email, stored.version) == (Role.MEMBER, "changed@acme.test", 2)


async def test_a_change_committed_after_the_read_makes_a_delete_a_412() -> None:
    world = await two_tenants()
    owner, bob = await _acme_with_bob(world)
    remove = DeleteUser(
        world.uow.for_tenant(owner.tenant_id), ChangedMeanwhile(world), world.sessions
    )
    with pytest.raises(PreconditionFailed):
        await remove(owner, bob.id, 1)
    assert world.database.rows("users")[bob.id].version == 2


async def test_without_a_version_nothing_is_written() -> None:
    world = await two_tenants()
    owner, bob = await _acme_with_bob(world)
    uow = world.uow.for_tenant(owner.tenant_id)
    with pytest.raises(PreconditionRequired):
        await UpdateUser(uow, world.users, world.sessions)(
            owner, bob.id, None, UserChanges(role=Role.ADMIN)
        )
    with pytest.raises(PreconditionRequired):
        await DeleteUser(uow, world.users, world.sessions)(owner, bob.id, None)
    stored = world.database.rows("users")[bob.id]
    assert (stored.role, stored.version) == (Role.MEMBER, 1)
