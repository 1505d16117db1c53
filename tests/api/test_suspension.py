"""Suspended tenants are out, and ended sessions' access tokens stop working, without a
database call per request: every API process hears of each change (LISTEN/NOTIFY) and
re-reads them periodically. Two tenants in every test."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from interface.cli.main import main
from interface.composition.app import create_app
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import (
    PASSWORD,
    Account,
    add_user,
    log_in,
    sign_up,
    with_user_etag,
)
from tests.database import DatabaseUnderTest, truncate_all


async def _until(check: Callable[[], Awaitable[bool]], seconds: float = 5) -> float:
    """Poll ``check`` until it holds; how long that took. Fails after ``seconds``."""
    started = time.monotonic()
    while not await check():
        assert time.monotonic() - started < seconds, "the change never reached the app"
        await asyncio.sleep(0.05)
    return time.monotonic() - started


def _status_of(client: Client, account: Account, url: str = "/api/v1/me") -> Callable[..., Any]:
    async def status() -> int:
        return (await client.get(url, headers=account.headers)).status_code

    return status


async def _operator(
    database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch, *argv: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", database.urls.runtime)
    monkeypatch.setenv("DATABASE_OWNER_URL", database.urls.owner)
    monkeypatch.setenv("JWT_SECRET", "cli-test-secret-" + "x" * 40)
    assert await asyncio.to_thread(main, list(argv)) == 0


async def test_a_suspended_tenant_is_locked_out_at_once_and_a_resumed_one_comes_back(
    client: Client, database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 4: with the tenant suspended, login was refused but refresh, /me and
    POST /products all succeeded."""
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    me = _status_of(client, acme)
    await _operator(database, monkeypatch, "tenants", "suspend", "--slug", "acme")
    await _until(lambda: _is(me, 403))
    product = {"sku": "SKU-1", "name": "Widget", "price": {"amount": 100, "currency": "EUR"}}
    create = await client.post("/api/v1/products", json=product, headers=acme.headers)
    refresh = await client.post("/api/v1/auth/refresh", json={"refresh_token": acme.refresh_token})
    login = await client.post(
        "/api/v1/auth/token",
        json={"tenant_slug": "acme", "email": acme.email, "password": PASSWORD},
    )
    assert create.status_code == 403 and refresh.status_code == 403
    assert (
        create.json()["detail"] == "This tenant is suspended. Contact the operator of this service."
    )
    assert login.status_code == 401
    assert await _status_of(client, globex)() == 200
    await _operator(database, monkeypatch, "tenants", "resume", "--slug", "acme")
    await _until(lambda: _is(me, 200))  # the same session goes on
    again = await client.post("/api/v1/auth/refresh", json={"refresh_token": acme.refresh_token})
    assert again.status_code == 200
    assert (await log_in(client, "acme", acme.email))["access_token"]


async def test_operators_reset_a_password_while_the_tenant_is_suspended(
    client: Client, database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The incident flow: suspend, reset the password, resume; the old session stays out."""
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    await _operator(database, monkeypatch, "tenants", "suspend", "--slug", "acme")
    await _operator(
        database, monkeypatch, "users", "set-password", "--tenant", "acme", "--email", acme.email
    )
    await _operator(database, monkeypatch, "tenants", "resume", "--slug", "acme")
    new = await _sign_in_again(client, database, monkeypatch, acme)
    await _until(lambda: _is(_status_of(client, new), 200))
    old = await client.post("/api/v1/auth/refresh", json={"refresh_token": acme.refresh_token})
    assert old.status_code == 401
    other = await client.post("/api/v1/auth/refresh", json={"refresh_token": globex.refresh_token})
    assert other.status_code == 200


async def _sign_in_again(
    client: Client, database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch, who: Account
) -> Account:
    """Set a known password through the operator CLI and log in with it."""
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    await _operator(
        database,
        monkeypatch,
        "users",
        "set-password",
        "--tenant",
        who.slug,
        "--email",
        who.email,
        "--password-stdin",
    )
    tokens = await log_in(client, who.slug, who.email)
    return Account(
        who.slug,
        who.email,
        who.tenant_id,
        who.user_id,
        tokens["access_token"],
        tokens["refresh_token"],
    )


async def _is(status: Callable[[], Awaitable[int]], expected: int) -> bool:
    return await status() == expected


async def test_the_periodic_re_read_catches_a_change_nobody_announced(
    database: DatabaseUnderTest,
) -> None:
    app = create_app(app_settings(database, revocation_refresh_seconds=1))
    try:
        async with AsyncTestClient(app=app) as client:
            acme = await sign_up(client, "acme")
            globex = await sign_up(client, "globex")
            async with database.owner.begin() as connection:  # no NOTIFY: silent
                await connection.execute(text(f"SET LOCAL app.tenant_id = '{acme.tenant_id}'"))
                await connection.execute(text("UPDATE tenants SET status = 'suspended'"))
            took = await _until(lambda: _is(_status_of(client, acme), 403), seconds=4)
            assert await _status_of(client, globex)() == 200
    finally:
        await truncate_all(database.owner)
    assert took <= 2.5


async def test_ended_sessions_and_deleted_users_lose_their_access_tokens_at_once(
    client: Client,
) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    phone_tokens = await log_in(client, "acme", acme.email)
    phone = Account(
        acme.slug,
        acme.email,
        acme.tenant_id,
        acme.user_id,
        phone_tokens["access_token"],
        phone_tokens["refresh_token"],
    )
    bob = await add_user(client, acme, "bob@acme.test", "member")
    sessions = (await client.get("/api/v1/me/sessions", headers=acme.headers)).json()["items"]
    other = next(s["id"] for s in sessions if not s["current"])
    await client.delete(f"/api/v1/me/sessions/{other}", headers=acme.headers)
    await _until(lambda: _is(_status_of(client, phone), 401), seconds=2)
    assert await _status_of(client, acme)() == 200
    deleted = await client.delete(
        f"/api/v1/users/{bob.user_id}", headers=await with_user_etag(client, acme, bob.user_id)
    )
    assert deleted.status_code == 204
    await _until(lambda: _is(_status_of(client, bob, "/api/v1/products"), 401), seconds=2)
    assert await _status_of(client, globex, "/api/v1/products")() == 200
