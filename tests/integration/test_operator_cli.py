"""The operator CLI against the real test database, through the same services."""

from __future__ import annotations

import asyncio

import pytest

from interface.cli.main import main
from tests.database import DatabaseUnderTest, truncate_all


def _env(monkeypatch: pytest.MonkeyPatch, database: DatabaseUnderTest) -> None:
    monkeypatch.setenv("DATABASE_URL", database.urls.runtime)
    monkeypatch.setenv("DATABASE_OWNER_URL", database.urls.owner)
    monkeypatch.setenv("JWT_SECRET", "cli-test-secret-" + "x" * 40)
    monkeypatch.setenv("ARGON2_TIME_COST", "1")
    monkeypatch.setenv("ARGON2_MEMORY_KIB", "1024")


async def test_operators_create_and_list_tenants_and_users(
    database: DatabaseUnderTest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, database)
    try:
        codes = [
            await _run(
                [
                    "tenants",
                    "create",
                    "--name",
                    "Acme",
                    "--slug",
                    "acme",
                    "--owner-email",
                    "a@acme.test",
                ]
            ),
            await _run(
                [
                    "tenants",
                    "create",
                    "--name",
                    "Globex",
                    "--slug",
                    "globex",
                    "--owner-email",
                    "g@globex.test",
                ]
            ),
            await _run(
                ["users", "create", "--tenant", "acme", "--email", "b@acme.test", "--role", "admin"]
            ),
            await _run(["users", "set-password", "--tenant", "globex", "--email", "g@globex.test"]),
            await _run(["tenants", "list"]),
            await _run(["users", "create", "--tenant", "nope", "--email", "x@nope.test"]),
        ]
    finally:
        await truncate_all(database.owner)
    out, err = capsys.readouterr()
    assert codes == [0, 0, 0, 0, 0, 2]
    assert "Created tenant acme" in out and "Created admin b@acme.test" in out
    assert out.count("(generated; shown only now)") == 4
    assert "acme\t" in out and "globex\t" in out and "2 tenant(s)" in out
    assert "No active tenant has the slug 'nope'" in err


async def _run(argv: list[str]) -> int:
    return await asyncio.to_thread(main, argv)
