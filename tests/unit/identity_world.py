"""The public identity use cases on in-memory fakes, as one request scope without a caller
builds them: shared by the identity unit tests."""

from __future__ import annotations

from application.identity.log_in import LogIn
from application.identity.policy import IdentityPolicy
from application.identity.refresh_session import RefreshSession
from application.identity.register_tenant import NewTenant, RegisterTenant
from application.identity.sessions import SessionIssuer
from application.identity.user_accounts import UserAccounts
from tests.unit.fake_db import FakeDatabase, FakeSession, FakeUnitOfWork, RecordingOutbox
from tests.unit.fakes_identity import (
    FakeDirectory,
    FakeHasher,
    FakeRefreshTokens,
    FakeSessions,
    FakeTenants,
    FakeThrottle,
    FakeTokens,
    FakeUsers,
)

PASSWORD = "correct horse battery staple"
CLIENT = "192.0.2.1"


class World:
    """Acme and Globex (after ``two_tenants``), their users, sessions and tokens."""

    def __init__(self, policy: IdentityPolicy | None = None) -> None:
        self.database = FakeDatabase()
        self.hasher = FakeHasher()
        self.throttle = FakeThrottle(limit=3)
        self.session = session = FakeSession(self.database, None)
        self.uow = uow = FakeUnitOfWork(session, RecordingOutbox())
        self.users = users = FakeUsers(session)
        tokens = FakeRefreshTokens(session)
        self.sessions = FakeSessions(session)
        sessions = SessionIssuer(FakeTokens(), policy or IdentityPolicy(), tokens, self.sessions)
        self.directory = directory = FakeDirectory(self.database)
        accounts = UserAccounts(self.hasher, IdentityPolicy())
        tenants = FakeTenants(session)
        self.register = RegisterTenant(uow, tenants, users, accounts, directory)
        self.log_in = LogIn(uow, users, directory, self.hasher, self.throttle, sessions)
        self.refresh = RefreshSession(uow, tokens, users, self.sessions, tenants, sessions)


async def two_tenants(policy: IdentityPolicy | None = None) -> World:
    world = World(policy)
    await world.register(NewTenant("Acme", "acme", "ada@acme.test", PASSWORD))
    await world.register(NewTenant("Globex", "globex", "gus@globex.test", PASSWORD))
    return world
