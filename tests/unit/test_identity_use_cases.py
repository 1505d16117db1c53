"""Identity use cases against in-memory fakes: login, throttling, signup."""

from __future__ import annotations

import pytest

from application.identity.log_in import Credentials
from application.identity.policy import IdentityPolicy
from application.identity.register_tenant import NewTenant, RegisterTenant
from application.identity.user_accounts import UserAccounts
from domain.identity.errors import InvalidCredentials, SlugTaken, TooManyAttempts
from domain.identity.tenant import Tenant
from domain.shared.errors import Conflict, ValidationFailed
from tests.unit.fake_db import FakeDatabase, FakeSession, FakeUnitOfWork, RecordingOutbox
from tests.unit.fakes_identity import FakeDirectory, FakeTenants, FakeUsers
from tests.unit.identity_world import CLIENT, PASSWORD, World, two_tenants


@pytest.fixture
async def world() -> World:
    return await two_tenants()


@pytest.mark.parametrize(
    ("slug", "email", "password"),
    [
        ("nope", "ada@acme.test", PASSWORD),
        ("acme", "nobody@acme.test", PASSWORD),
        ("acme", "ada@acme.test", "wrong password"),
        ("globex", "ada@acme.test", PASSWORD),
    ],
)
async def test_every_failed_login_costs_one_verification_and_counts(
    world: World, slug: str, email: str, password: str
) -> None:
    with pytest.raises(InvalidCredentials):
        await world.log_in(Credentials(slug, email, password, CLIENT))
    assert world.hasher.verifications == 1
    assert world.throttle.attempts == {(slug, email, CLIENT): 1}


async def test_login_normalises_and_success_clears_the_counter(world: World) -> None:
    with pytest.raises(InvalidCredentials):
        await world.log_in(Credentials("acme", "ada@acme.test", "wrong password", CLIENT))
    pair = await world.log_in(Credentials(" ACME ", "Ada@Acme.TEST", PASSWORD, CLIENT))
    assert pair.access_token.startswith("access:") and pair.refresh_token
    assert world.throttle.attempts == {}


@pytest.mark.parametrize("slug", ["\u212acme", "ac\x00me", "ａｃｍｅ", "acme\u200b"])
async def test_a_login_slug_that_is_no_ascii_slug_is_an_unknown_tenant_without_a_lookup(
    world: World, slug: str
) -> None:
    with pytest.raises(InvalidCredentials):
        await world.log_in(Credentials(slug, "ada@acme.test", PASSWORD, CLIENT))
    assert world.hasher.verifications == 1, "a miss still spends one verification"
    assert world.directory.lookups == []
    await world.log_in(Credentials(" ACME ", "ada@acme.test", PASSWORD, CLIENT))
    assert world.directory.lookups == ["acme"]


async def test_login_finds_an_idna_address_in_either_form_and_throttles_it_as_one(
    world: World,
) -> None:
    await world.register(NewTenant("Bücher", "buecher", "Ada@Bücher.example", PASSWORD))
    with pytest.raises(InvalidCredentials):
        await world.log_in(Credentials("buecher", "ada@bücher.example", "wrong password", CLIENT))
    assert world.throttle.attempts == {("buecher", "ada@xn--bcher-kva.example", CLIENT): 1}
    await world.log_in(Credentials("buecher", "ada@xn--bcher-kva.example", PASSWORD, CLIENT))
    assert world.throttle.attempts == {}


async def test_throttled_logins_are_refused_before_any_verification(world: World) -> None:
    for _ in range(3):
        with pytest.raises(InvalidCredentials):
            await world.log_in(Credentials("acme", "ada@acme.test", "wrong password", CLIENT))
    verifications = world.hasher.verifications
    with pytest.raises(TooManyAttempts) as refused:
        await world.log_in(Credentials("acme", "ada@acme.test", PASSWORD, CLIENT))
    assert refused.value.retry_after_seconds == 60
    assert world.hasher.verifications == verifications
    owner_elsewhere = Credentials("acme", "ada@acme.test", PASSWORD, "198.51.100.7")
    assert (await world.log_in(owner_elsewhere)).access_token


async def test_signup_rejects_weak_passwords_before_touching_storage(world: World) -> None:
    commits = world.database.commits
    with pytest.raises(ValidationFailed) as error:
        await world.register(NewTenant("Initech", "initech", "pete@initech.test", "short"))
    assert error.value.errors[0].field == "password"
    assert (world.database.commits, len(world.database.rows("tenants"))) == (commits, 2)


async def test_login_commits_the_new_session_and_a_miss_commits_nothing(world: World) -> None:
    commits = world.database.commits
    with pytest.raises(InvalidCredentials):
        await world.log_in(Credentials("acme", "ada@acme.test", "wrong password", CLIENT))
    assert world.database.commits == commits and world.database.rows("refresh_tokens") == {}
    await world.log_in(Credentials("acme", "ada@acme.test", PASSWORD, CLIENT))
    assert world.database.commits == commits + 1
    assert len(world.database.rows("refresh_tokens")) == 1


async def test_a_taken_slug_is_refused_before_the_password_is_hashed(world: World) -> None:
    hashes = world.hasher.hashes
    with pytest.raises(SlugTaken):
        await world.register(NewTenant("Acme 2", "ACME", "eve@acme.test", PASSWORD))
    assert world.hasher.hashes == hashes
    assert len(world.database.rows("tenants")) == 2


async def test_a_slug_taken_in_a_race_is_a_conflict_and_writes_nothing(world: World) -> None:
    """The directory saw the slug free; the unique constraint catches the second signup."""

    class UniqueSlugs(FakeTenants):
        async def add(self, tenant: Tenant) -> None:
            raise Conflict("duplicate slug")

    session = FakeSession(world.database, None)
    register = RegisterTenant(
        FakeUnitOfWork(session, RecordingOutbox()),
        UniqueSlugs(session),
        FakeUsers(session),
        UserAccounts(world.hasher, IdentityPolicy()),
        FakeDirectory(FakeDatabase()),
    )
    with pytest.raises(SlugTaken):
        await register(NewTenant("Acme 2", "acme", "eve@acme.test", PASSWORD))
    assert len(world.database.rows("users")) == 2 and world.database.rollbacks >= 1


async def test_password_hashing_never_holds_a_transaction_open(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 5: login verified the password inside its transaction, holding a pooled
    connection for the whole argon2 run."""
    inside: list[bool] = []
    verify, dummy = world.hasher.verify, world.hasher.verify_dummy

    async def watched_verify(password_hash: str, password: str) -> bool:
        inside.append(world.session.in_transaction)
        return await verify(password_hash, password)

    async def watched_dummy(password: str) -> None:
        inside.append(world.session.in_transaction)
        await dummy(password)

    monkeypatch.setattr(world.hasher, "verify", watched_verify)
    monkeypatch.setattr(world.hasher, "verify_dummy", watched_dummy)
    await world.log_in(Credentials("acme", "ada@acme.test", PASSWORD, CLIENT))
    for miss in (("acme", "nobody@acme.test"), ("nope", "ada@acme.test")):
        with pytest.raises(InvalidCredentials):
            await world.log_in(Credentials(*miss, PASSWORD, CLIENT))
    assert inside == [False, False, False]
