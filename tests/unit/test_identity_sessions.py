"""Sessions on in-memory fakes: refresh rotation, replay, the absolute end, suspension."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from application.identity.change_my_password import ChangeMyPassword, PasswordChange
from application.identity.log_in import Credentials
from application.identity.policy import IdentityPolicy
from domain.identity.errors import InvalidToken, TenantSuspended, TokenReused
from domain.identity.principal import Principal, TokenPair
from domain.shared.errors import Conflict
from tests.unit.fakes_identity import FakeHasher
from tests.unit.identity_world import CLIENT, PASSWORD, World, two_tenants


@pytest.fixture
async def world() -> World:
    return await two_tenants()


async def test_refresh_rotates_and_replay_revokes_the_family(world: World) -> None:
    first = await world.log_in(Credentials("acme", "ada@acme.test", PASSWORD, CLIENT))
    second = await world.refresh(first.refresh_token)
    assert second.refresh_token != first.refresh_token
    with pytest.raises(TokenReused):
        await world.refresh(first.refresh_token)
    with pytest.raises(InvalidToken):
        await world.refresh(second.refresh_token)


@pytest.mark.parametrize("token", ["", "garbage", "0" * 32 + ".x", "not-hex" * 5 + "." + "a" * 40])
async def test_malformed_refresh_tokens_are_invalid(world: World, token: str) -> None:
    with pytest.raises(InvalidToken):
        await world.refresh(token)


async def test_refresh_tokens_never_outlive_their_sessions_absolute_end() -> None:
    world = await two_tenants(IdentityPolicy(timedelta(days=14), timedelta(days=1)))
    await world.log_in(Credentials("acme", "ada@acme.test", PASSWORD, CLIENT))
    (session,) = world.database.rows("user_sessions").values()
    (token,) = world.database.rows("refresh_tokens").values()  # Globex has not logged in
    assert session.expires_at - session.created_at == timedelta(days=1)
    assert token.expires_at == session.expires_at


async def test_a_suspended_tenants_refresh_is_refused_and_the_other_tenant_goes_on(
    world: World,
) -> None:
    acme = await world.log_in(Credentials("acme", "ada@acme.test", PASSWORD, CLIENT))
    globex = await world.log_in(Credentials("globex", "gus@globex.test", PASSWORD, CLIENT))
    (tenant,) = [t for t in world.database.rows("tenants").values() if t.slug == "acme"]
    tenant.suspend()
    with pytest.raises(TenantSuspended):
        await world.refresh(acme.refresh_token)
    assert (await world.refresh(globex.refresh_token)).access_token
    tenant.resume()
    assert (await world.refresh(acme.refresh_token)).access_token


async def test_a_password_changed_meanwhile_is_a_conflict_and_ends_no_session(
    world: World,
) -> None:
    """Compare-and-set: a reset landing between the check of the current password and the
    write must not be overwritten."""
    pair = await world.log_in(Credentials("acme", "ada@acme.test", PASSWORD, CLIENT))
    await world.log_in(Credentials("acme", "ada@acme.test", PASSWORD, CLIENT))  # a 2nd session
    (ada,) = [u for u in world.database.rows("users").values() if u.email == "ada@acme.test"]
    principal = Principal(
        ada.id, ada.tenant_id, ada.role, _session_of(pair), "jti", datetime.now(UTC)
    )

    class ResetMeanwhile(FakeHasher):
        async def hash(self, password: str) -> str:
            ada.password_hash = "hashed:reset by the operator"  # committed by someone else
            return await super().hash(password)

    change = ChangeMyPassword(
        world.uow.for_tenant(ada.tenant_id),
        world.users,
        ResetMeanwhile(),
        world.sessions,
        IdentityPolicy(),
    )
    with pytest.raises(Conflict):
        await change(principal, PasswordChange(PASSWORD, "a different long passphrase 42"))
    assert ada.password_hash == "hashed:reset by the operator"
    assert all(s.revoked_at is None for s in world.database.rows("user_sessions").values())


def _session_of(pair: TokenPair) -> UUID:
    """The session a pair belongs to (the fake access token names it)."""
    return UUID(pair.access_token.rsplit(":", 1)[1])
