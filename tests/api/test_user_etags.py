"""Users carry a version and its ETag; PATCH and DELETE need If-Match (428 missing, 412
stale), and every change to a user moves it. Two tenants in every test."""

from __future__ import annotations

import asyncio

import pytest

from interface.cli.main import main
from tests.api.conftest import Client
from tests.api.identity_helpers import PASSWORD, add_user, sign_up, with_user_etag
from tests.database import DatabaseUnderTest

PROBLEM = "urn:tenantry:problem:"


async def test_user_answers_carry_the_version_and_its_etag(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    created = await client.post(
        "/api/v1/users",
        json={"email": "bob@acme.test", "password": PASSWORD, "role": "member"},
        headers=acme.headers,
    )
    assert created.status_code == 201
    assert (created.json()["version"], created.headers["etag"]) == (1, '"1"')
    read = await client.get(f"/api/v1/users/{created.json()['id']}", headers=acme.headers)
    assert (read.json()["version"], read.headers["etag"]) == (1, '"1"')
    me = (await client.get("/api/v1/me", headers=acme.headers)).json()
    assert me["user"]["version"] == 1
    listed = (await client.get("/api/v1/users", headers=acme.headers)).json()["items"]
    assert {u["version"] for u in listed} == {1}


async def test_changing_a_user_needs_its_current_etag(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    bob = await add_user(client, acme, "bob@acme.test", "member")
    url = f"/api/v1/users/{bob.user_id}"
    tag = (await client.get(url, headers=acme.headers)).headers["etag"]

    missing = await client.patch(url, json={"role": "admin"}, headers=acme.headers)
    stale = await client.patch(
        url, json={"role": "admin"}, headers={**acme.headers, "If-Match": '"999"'}
    )
    assert (missing.status_code, stale.status_code) == (428, 412)
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["type"] == PROBLEM + "precondition-required"
    assert stale.json()["type"] == PROBLEM + "precondition-failed"
    assert (await client.get(url, headers=acme.headers)).json()["role"] == "member"

    ok = await client.patch(url, json={"role": "admin"}, headers={**acme.headers, "If-Match": tag})
    assert ok.status_code == 200, ok.text
    assert (ok.json()["role"], ok.json()["version"], ok.headers["etag"]) == ("admin", 2, '"2"')
    assert (await client.get(url, headers=acme.headers)).headers["etag"] == ok.headers["etag"]
    again = await client.patch(
        url, json={"role": "member"}, headers={**acme.headers, "If-Match": tag}
    )
    assert again.status_code == 412, "the ETag read before the change is stale now"


async def test_deleting_a_user_needs_its_current_etag(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    bob = await add_user(client, acme, "bob@acme.test", "member")
    url = f"/api/v1/users/{bob.user_id}"
    old = await with_user_etag(client, acme, bob.user_id)
    changed = await client.patch(url, json={"email": "robert@acme.test"}, headers=old)
    assert changed.status_code == 200

    assert (await client.delete(url, headers=acme.headers)).status_code == 428
    assert (await client.delete(url, headers=old)).status_code == 412
    assert (await client.get(url, headers=acme.headers)).status_code == 200
    current = {**acme.headers, "If-Match": changed.headers["etag"]}
    assert (await client.delete(url, headers=current)).status_code == 204
    assert (await client.get(url, headers=acme.headers)).status_code == 404


async def test_another_tenant_cannot_touch_a_user_even_with_its_etag(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    bob = await add_user(client, acme, "bob@acme.test", "member")
    url = f"/api/v1/users/{bob.user_id}"
    tag = (await client.get(url, headers=acme.headers)).headers["etag"]
    theirs = {**globex.headers, "If-Match": tag}

    patched = await client.patch(url, json={"role": "admin"}, headers=theirs)
    deleted = await client.delete(url, headers=theirs)
    assert (patched.status_code, deleted.status_code) == (404, 404)
    assert {patched.json()["type"], deleted.json()["type"]} == {PROBLEM + "not-found"}
    kept = await client.get(url, headers=acme.headers)
    assert (kept.json()["role"], kept.headers["etag"]) == ("member", tag)


async def test_a_password_change_moves_the_etag(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    bob = await add_user(client, acme, "bob@acme.test", "member")
    url = f"/api/v1/users/{bob.user_id}"
    before = (await client.get(url, headers=acme.headers)).headers["etag"]
    changed = await client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "another long secret phrase"},
        headers=bob.headers,
    )
    assert changed.status_code == 200, changed.text
    after = await client.get(url, headers=acme.headers)
    assert (after.headers["etag"], after.json()["version"]) == ('"2"', 2)
    stale = await client.patch(
        url, json={"role": "admin"}, headers={**acme.headers, "If-Match": before}
    )
    assert stale.status_code == 412
    assert (await client.get("/api/v1/me", headers=globex.headers)).json()["user"]["version"] == 1


async def test_an_operators_password_reset_moves_the_etag(
    client: Client, database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    bob = await add_user(client, acme, "bob@acme.test", "member")
    url = f"/api/v1/users/{bob.user_id}"
    monkeypatch.setenv("DATABASE_URL", database.urls.runtime)
    monkeypatch.setenv("DATABASE_OWNER_URL", database.urls.owner)
    monkeypatch.setenv("JWT_SECRET", "cli-test-secret-" + "x" * 40)
    code = await asyncio.to_thread(
        main, ["users", "set-password", "--tenant", "acme", "--email", bob.email]
    )
    assert code == 0
    assert (await client.get(url, headers=acme.headers)).headers["etag"] == '"2"'
    owner = await client.get(f"/api/v1/users/{globex.user_id}", headers=globex.headers)
    assert owner.headers["etag"] == '"1"'


async def test_the_schema_documents_if_match_on_user_writes(client: Client) -> None:
    schema = (await client.get("/schema/openapi.json")).json()
    item = schema["paths"]["/api/v1/users/{user_id}"]
    for method in ("patch", "delete"):
        assert {"409", "412", "428"} <= set(item[method]["responses"]), method
        for status in ("412", "428"):
            content = item[method]["responses"][status]["content"]
            assert "application/problem+json" in content, (method, status)
        headers = [p["name"] for p in item[method]["parameters"] if p["in"] == "header"]
        assert "If-Match" in headers, method
    user_out = schema["components"]["schemas"]["UserOut"]
    assert user_out["properties"]["version"]["type"] == "integer"
    assert "version" in user_out["required"]
