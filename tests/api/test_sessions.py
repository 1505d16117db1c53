"""Sessions that really end: revoked by a password reset or change, a role or e-mail
change, a user's deletion, by the user or an admin, and at an absolute end that rotation
never extends. Two tenants in every test."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import text

from interface.cli.main import main
from tests.api.conftest import Client
from tests.api.identity_helpers import (
    PASSWORD,
    Account,
    add_user,
    log_in,
    sign_up,
    with_user_etag,
)
from tests.database import DatabaseUnderTest

REFRESH = "/api/v1/auth/refresh"


async def _refresh(client: Client, refresh_token: str) -> int:
    response = await client.post(REFRESH, json={"refresh_token": refresh_token})
    return response.status_code


async def _second_login(client: Client, account: Account) -> dict[str, Any]:
    tokens: dict[str, Any] = await log_in(client, account.slug, account.email)
    return tokens


async def test_a_password_reset_ends_every_session_of_that_user_only(
    client: Client, database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 3: after `tenantry users set-password` a refresh token issued before the
    reset still returned a new token pair."""
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    laptop = await _second_login(client, acme)
    monkeypatch.setenv("DATABASE_URL", database.urls.runtime)
    monkeypatch.setenv("DATABASE_OWNER_URL", database.urls.owner)
    monkeypatch.setenv("JWT_SECRET", "cli-test-secret-" + "x" * 40)
    code = await asyncio.to_thread(
        main, ["users", "set-password", "--tenant", "acme", "--email", acme.email]
    )
    assert code == 0
    assert await _refresh(client, acme.refresh_token) == 401
    assert await _refresh(client, laptop["refresh_token"]) == 401
    assert await _refresh(client, globex.refresh_token) == 200


@pytest.mark.parametrize("change", [{"role": "admin"}, {"email": "robert@acme.test"}])
async def test_a_role_or_email_change_ends_the_users_sessions(
    client: Client, change: dict[str, str]
) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    bob = await add_user(client, acme, "bob@acme.test", "member")
    unchanged = await client.patch(
        f"/api/v1/users/{bob.user_id}",
        json={"role": "member"},
        headers=await with_user_etag(client, acme, bob.user_id),
    )
    assert unchanged.status_code == 200
    assert await _refresh(client, bob.refresh_token) == 200  # nothing changed: session lives
    bob = await add_user(client, acme, "carol@acme.test", "member")
    response = await client.patch(
        f"/api/v1/users/{bob.user_id}",
        json=change,
        headers=await with_user_etag(client, acme, bob.user_id),
    )
    assert response.status_code == 200, response.text
    assert await _refresh(client, bob.refresh_token) == 401
    assert await _refresh(client, acme.refresh_token) == 200


async def test_a_deleted_users_sessions_end(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    bob = await add_user(client, acme, "bob@acme.test", "member")
    deleted = await client.delete(
        f"/api/v1/users/{bob.user_id}", headers=await with_user_etag(client, acme, bob.user_id)
    )
    assert deleted.status_code == 204
    assert await _refresh(client, bob.refresh_token) == 401


async def test_users_list_and_end_their_own_sessions_and_nobody_elses(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    phone = await _second_login(client, acme)
    listed = (await client.get("/api/v1/me/sessions", headers=acme.headers)).json()["items"]
    assert len(listed) == 2 and [s["current"] for s in listed].count(True) == 1
    current = next(s for s in listed if s["current"])
    other = next(s for s in listed if not s["current"])
    assert current["expires_at"] > current["created_at"] and other["user_agent"]
    foreign = await client.delete(f"/api/v1/me/sessions/{other['id']}", headers=globex.headers)
    assert foreign.status_code == 404
    assert await _refresh(client, phone["refresh_token"]) == 200
    ended = await client.delete(f"/api/v1/me/sessions/{other['id']}", headers=acme.headers)
    assert ended.status_code == 204
    again = await client.delete(f"/api/v1/me/sessions/{other['id']}", headers=acme.headers)
    assert again.status_code == 404
    remaining = (await client.get("/api/v1/me/sessions", headers=acme.headers)).json()["items"]
    assert [s["id"] for s in remaining] == [current["id"]]
    everywhere = await client.post("/api/v1/me/sessions/revoke-all", headers=acme.headers)
    assert everywhere.json() == {"revoked": 1}
    assert await _refresh(client, acme.refresh_token) == 401
    assert await _refresh(client, globex.refresh_token) == 200


async def test_admins_sign_other_users_out_within_their_tenant_and_rank(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    admin = await add_user(client, acme, "ann@acme.test", "admin")
    member = await add_user(client, acme, "bob@acme.test", "member")

    def url(account: Account) -> str:
        return f"/api/v1/users/{account.user_id}/sessions/revoke-all"

    assert (await client.post(url(acme), headers=member.headers)).status_code == 403
    assert (await client.post(url(acme), headers=admin.headers)).status_code == 403
    assert (await client.post(url(member), headers=globex.headers)).status_code == 404
    assert await _refresh(client, member.refresh_token) == 200
    done = await client.post(url(member), headers=admin.headers)
    assert done.status_code == 200 and done.json() == {"revoked": 1}
    assert await _refresh(client, member.refresh_token) == 401
    assert await _refresh(client, acme.refresh_token) == 200


async def test_changing_ones_password_ends_the_other_sessions_and_keeps_this_one(
    client: Client,
) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    phone = await _second_login(client, acme)
    new = "a different long passphrase 42"
    wrong = await client.post(
        "/api/v1/me/password",
        json={"current_password": "not it at all", "new_password": new},
        headers=acme.headers,
    )
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["errors"]] == ["current_password"]
    changed = await client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": new},
        headers=acme.headers,
    )
    assert changed.status_code == 200 and changed.json() == {"revoked": 1}
    assert await _refresh(client, phone["refresh_token"]) == 401
    assert await _refresh(client, acme.refresh_token) == 200
    assert (await log_in(client, "acme", acme.email, new))["access_token"]
    assert await _refresh(client, globex.refresh_token) == 200


async def test_a_session_ends_at_its_absolute_end_whatever_rotation_does(
    client: Client, database: DatabaseUnderTest
) -> None:
    """Finding 4 (second half): every rotation gave the refresh token a fresh 14 days."""
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    before = (await client.get("/api/v1/me/sessions", headers=acme.headers)).json()["items"][0]
    rotated = await client.post(REFRESH, json={"refresh_token": acme.refresh_token})
    assert rotated.status_code == 200
    headers = {"Authorization": f"Bearer {rotated.json()['access_token']}"}
    after = (await client.get("/api/v1/me/sessions", headers=headers)).json()["items"][0]
    assert after["id"] == before["id"] and after["expires_at"] == before["expires_at"]
    assert after["last_used_at"] > before["last_used_at"]
    async with database.owner.begin() as connection:
        await connection.execute(text(f"SET LOCAL app.tenant_id = '{acme.tenant_id}'"))
        await connection.execute(
            text("UPDATE user_sessions SET expires_at = now() - interval '1 second'")
        )
    assert await _refresh(client, rotated.json()["refresh_token"]) == 401
    assert await _refresh(client, globex.refresh_token) == 200
