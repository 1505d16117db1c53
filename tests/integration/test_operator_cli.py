"""The operator CLI against the real test database, through the same services."""

from __future__ import annotations

import asyncio
import io

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.shared.ids import new_id
from infrastructure.database.rate_counters import SqlaRateCounters
from tests.api.conftest import app_settings
from tests.conftest import register_tenant
from tests.database import DatabaseUnderTest, truncate_all
from tests.operator_cli import UNKNOWN_EVENT, cli_env, run_cli
from tests.relay import relay_until_idle
from tests.scopes import in_tenant


async def test_operators_create_and_list_tenants_and_users(
    database: DatabaseUnderTest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli_env(monkeypatch, database)
    try:
        codes = [
            await run_cli(
                "tenants",
                "create",
                "--name",
                "Acme",
                "--slug",
                "acme",
                "--owner-email",
                "a@acme.test",
            ),
            await run_cli(
                "tenants",
                "create",
                "--name",
                "Globex",
                "--slug",
                "globex",
                "--owner-email",
                "g@globex.test",
            ),
            await run_cli(
                "users", "create", "--tenant", "acme", "--email", "b@acme.test", "--role", "admin"
            ),
            await run_cli(
                "users", "set-password", "--tenant", "globex", "--email", "g@globex.test"
            ),
            await run_cli("tenants", "list"),
            await run_cli("users", "create", "--tenant", "nope", "--email", "x@nope.test"),
        ]
    finally:
        await truncate_all(database.owner)
    out, err = capsys.readouterr()
    assert codes == [0, 0, 0, 0, 0, 2]
    assert "Created tenant acme" in out and "Created admin b@acme.test" in out
    assert out.count("(generated; shown only now)") == 4
    assert "acme\t" in out and "globex\t" in out and "2 tenant(s)" in out
    assert "No tenant has the slug 'nope'" in err


async def test_operators_are_held_to_the_signup_rules(
    database: DatabaseUnderTest,
    sessions: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli_env(monkeypatch, database)
    await register_tenant(sessions, "acme")
    await register_tenant(sessions, "globex")
    create = ["tenants", "create", "--owner-email", "o@evil.test"]
    try:
        codes = [
            await run_cli(*create, "--name", "Evil", "--slug", "admin"),
            await run_cli(*create, "--name", "Evil \u202ecorp", "--slug", "evil"),
            await run_cli(
                *create, "--name", "Evil", "--slug", "evil", "--owner-email", "\u0430dmin@evil.test"
            ),
        ]
        monkeypatch.setattr("sys.stdin", io.StringIO("abcdabcdabcd\n"))
        args = ["users", "create", "--tenant", "acme", "--email", "b@acme.test", "--password-stdin"]
        codes.append(await run_cli(*args))
        listed = await run_cli("tenants", "list")
    finally:
        await truncate_all(database.owner)
    out, err = capsys.readouterr()
    assert codes == [2, 2, 2, 2] and listed == 0
    assert "tenant_slug: 'admin' is reserved" in err
    assert "tenant_name: U+202E (RIGHT-TO-LEFT OVERRIDE)" in err
    assert "email: the part before @ mixes scripts" in err
    assert "password: too easy to guess" in err
    assert "2 tenant(s)" in out and "evil" not in out


async def test_operators_list_and_retry_dead_letters_per_tenant(
    database: DatabaseUnderTest,
    sessions: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli_env(monkeypatch, database)
    acme, _ = await register_tenant(sessions, "acme"), await register_tenant(sessions, "globex")
    async with in_tenant(sessions, acme) as db:  # written by a newer build: unreadable here
        await db.session.execute(UNKNOWN_EVENT, {"t": acme.id, "id": new_id(), "w": new_id()})
        await db.commit()
    await relay_until_idle(app_settings(database))
    capsys.readouterr()

    listed = await run_cli("dead-letters", "list")
    out = capsys.readouterr().out
    [line] = [row for row in out.splitlines() if "\t" in row]
    slug, event_id = line.split("\t")[:2]
    assert (listed, slug) == (0, "acme") and "unknown event type 'legacy.thing'" in line
    assert "1 dead-lettered event(s) listed" in out
    assert await run_cli("dead-letters", "list", "--tenant", "globex") == 0
    assert "0 dead-lettered event(s) listed" in capsys.readouterr().out
    assert await run_cli("dead-letters", "retry", event_id, "--tenant", "globex") == 2
    assert await run_cli("dead-letters", "retry", event_id, "--tenant", "acme") == 0
    assert "is due again" in capsys.readouterr().out
    assert await run_cli("dead-letters", "list", "--tenant", "acme") == 0
    assert "0 dead-lettered event(s) listed" in capsys.readouterr().out


async def test_the_sweep_purges_ended_rate_counters_and_keeps_running_ones(
    database: DatabaseUnderTest,
    sessions: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Finding 8: login throttle rows were never purged."""
    cli_env(monkeypatch, database)
    await register_tenant(sessions, "acme")
    await register_tenant(sessions, "globex")
    counters = SqlaRateCounters(database.runtime)
    await counters.take(new_id(), 1)
    await counters.take(new_id(), 1)
    await counters.take(new_id(), 600)
    await asyncio.sleep(1.1)
    assert await run_cli("sweep") == 0
    assert "and 2 ended rate counter(s) removed" in capsys.readouterr().out
    async with database.owner.begin() as connection:
        left = await connection.scalar(text("SELECT count(*) FROM rate_counters"))
    assert left == 1
