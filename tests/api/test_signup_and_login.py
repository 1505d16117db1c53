"""Signup, login, tokens and the caller's own session, with two tenants."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from infrastructure.identity.passwords import Argon2PasswordHasher
from interface.composition.app import create_app
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import PASSWORD, bearer, log_in, sign_up
from tests.database import DatabaseUnderTest


async def test_signup_creates_tenant_and_owner_without_leaking_the_password(
    client: Client,
) -> None:
    response = await client.post(
        "/api/v1/signup",
        json={
            "tenant_name": "Acme",
            "tenant_slug": "acme",
            "email": "Ada@Acme.Test",
            "password": PASSWORD,
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["tenant"]["name"] == "Acme" and body["tenant"]["slug"] == "acme"
    assert body["user"]["email"] == "ada@acme.test" and body["user"]["role"] == "owner"
    assert PASSWORD not in response.text and "hash" not in response.text


async def test_a_taken_slug_is_a_409_and_changes_nothing(client: Client) -> None:
    first = await sign_up(client, "acme")
    await sign_up(client, "globex")
    response = await client.post(
        "/api/v1/signup",
        json={"tenant_name": "X", "tenant_slug": "acme", "email": "x@x.test", "password": PASSWORD},
    )
    assert response.status_code == 409
    assert response.json()["type"] == "urn:tenantry:problem:conflict"
    me = await client.get("/api/v1/me", headers=first.headers)
    assert me.json()["tenant"]["name"] == "Acme Inc."


@pytest.mark.parametrize(
    ("field", "value", "status"),
    [
        ("tenant_slug", "Not A Slug!", 422),  # matches the schema, refused by the slug rule
        ("password", "short", 400),  # shorter than the schema's minLength
        ("email", "not-an-email", 422),  # matches the schema, not a mailbox
    ],
)
async def test_signup_rejects_bad_input_naming_the_field(
    client: Client, field: str, value: str, status: int
) -> None:
    body = {"tenant_name": "A", "tenant_slug": "acme", "email": "a@acme.test", "password": PASSWORD}
    body[field] = value
    response = await client.post("/api/v1/signup", json=body)
    assert response.status_code == status
    assert [e["field"] for e in response.json()["errors"]] == [field]


async def test_signup_can_be_switched_off(database: DatabaseUnderTest) -> None:
    app = create_app(app_settings(database, signup_enabled=False))
    async with AsyncTestClient(app=app) as client:
        response = await client.post(
            "/api/v1/signup",
            json={
                "tenant_name": "A",
                "tenant_slug": "a",
                "email": "a@a.test",
                "password": PASSWORD,
            },
        )
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_login_returns_a_bearer_pair_and_me_shows_the_caller(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    tokens = await log_in(client, "acme", "OWNER@ACME.TEST")
    assert tokens["token_type"] == "bearer" and tokens["expires_in"] == 900
    for account in (acme, globex):
        me = (await client.get("/api/v1/me", headers=account.headers)).json()
        assert me["user"]["id"] == account.user_id
        assert me["tenant"] == {
            "id": account.tenant_id,
            "name": me["tenant"]["name"],
            "slug": account.slug,
        }


async def test_every_login_failure_is_the_same_401(client: Client) -> None:
    await sign_up(client, "acme")
    await sign_up(client, "globex")
    attempts = [
        {"tenant_slug": "nope", "email": "owner@acme.test", "password": PASSWORD},
        {"tenant_slug": "acme", "email": "nobody@acme.test", "password": PASSWORD},
        {"tenant_slug": "acme", "email": "owner@acme.test", "password": "wrong password!"},
        {"tenant_slug": "globex", "email": "owner@acme.test", "password": PASSWORD},
    ]
    bodies: list[dict[str, Any]] = []
    for attempt in attempts:
        response = await client.post("/api/v1/auth/token", json=attempt)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        body = response.json()
        del body["request_id"]
        bodies.append(body)
    assert all(body == bodies[0] for body in bodies)


async def test_refresh_rotates_and_reuse_revokes_the_whole_family(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    first = await client.post("/api/v1/auth/refresh", json={"refresh_token": acme.refresh_token})
    assert first.status_code == 200
    rotated = first.json()
    assert rotated["refresh_token"] != acme.refresh_token
    assert (
        await client.get("/api/v1/me", headers=bearer(rotated["access_token"]))
    ).status_code == 200

    replay = await client.post("/api/v1/auth/refresh", json={"refresh_token": acme.refresh_token})
    assert replay.status_code == 401
    after = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": rotated["refresh_token"]}
    )
    assert after.status_code == 401, "reuse must revoke the tokens issued after it too"


async def test_a_refresh_token_cannot_be_pointed_at_another_tenant(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    forged = globex.tenant_id.replace("-", "") + "." + acme.refresh_token.split(".", 1)[1]
    response = await client.post("/api/v1/auth/refresh", json={"refresh_token": forged})
    assert response.status_code == 401


async def test_logout_revokes_the_session(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    assert (await client.post("/api/v1/auth/logout", headers=acme.headers)).status_code == 204
    gone = await client.post("/api/v1/auth/refresh", json={"refresh_token": acme.refresh_token})
    kept = await client.post("/api/v1/auth/refresh", json={"refresh_token": globex.refresh_token})
    assert (gone.status_code, kept.status_code) == (401, 200)


async def test_passwords_never_appear_in_responses_or_logs(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        acme = await sign_up(client, "acme")
        await sign_up(client, "globex")
        created = await client.post(
            "/api/v1/users",
            json={"email": "bob@acme.test", "password": PASSWORD + "!", "role": "member"},
            headers=acme.headers,
        )
        listed = await client.get("/api/v1/users", headers=acme.headers)
        await client.post(
            "/api/v1/auth/token", json={"tenant_slug": "acme", "email": "x", "password": PASSWORD}
        )
    for body in (created.text, listed.text):
        assert PASSWORD not in body and "argon2" not in body
    assert caplog.records, "logging was captured"
    assert not [r for r in caplog.records if PASSWORD in r.getMessage()]


async def test_an_existing_password_is_compared_as_sent_not_refused_by_the_text_rule(
    client: Client, database: DatabaseUnderTest
) -> None:
    """Passwords set before today's rules may hold a tab or an emoji's zero-width joiner:
    their owners must still get in, and so must the right answer to POST /me/password."""
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    old = "family \U0001f468\u200d\U0001f469\u200d\U0001f467\tpassword"
    stored = await Argon2PasswordHasher(time_cost=1, memory_kib=1024).hash(old)
    async with database.owner.begin() as connection:
        await connection.execute(text(f"SET LOCAL app.tenant_id = '{acme.tenant_id}'"))
        await connection.execute(text("UPDATE users SET password_hash = :h"), {"h": stored})
    tokens = await log_in(client, "acme", acme.email, old)
    changed = await client.post(
        "/api/v1/me/password",
        json={"current_password": old, "new_password": "a different long passphrase 42"},
        headers=bearer(tokens["access_token"]),
    )
    assert changed.status_code == 200, changed.text
