"""Users endpoints: roles, the last-owner rule, and tenant B never touching tenant A."""

from __future__ import annotations

import pytest

from tests.api.conftest import Client
from tests.api.identity_helpers import PASSWORD, add_user, sign_up, with_user_etag


async def test_another_tenants_user_is_404_for_every_method_and_stays_unchanged(
    client: Client,
) -> None:
    acme = await sign_up(client, "acme")
    member = await add_user(client, acme, "bob@acme.test", "member")
    globex = await sign_up(client, "globex")
    url = f"/api/v1/users/{member.user_id}"
    tagged = {**globex.headers, "If-Match": '"1"'}  # the user's real ETag

    responses = [
        await client.get(url, headers=globex.headers),
        await client.patch(url, json={"role": "admin"}, headers=tagged),
        await client.delete(url, headers=tagged),
    ]
    assert [r.status_code for r in responses] == [404, 404, 404]
    assert {r.json()["type"] for r in responses} == {"urn:tenantry:problem:not-found"}

    seen_by_acme = await client.get(url, headers=acme.headers)
    assert seen_by_acme.status_code == 200 and seen_by_acme.json()["role"] == "member"
    assert seen_by_acme.headers["etag"] == '"1"'
    globex_list = (await client.get("/api/v1/users", headers=globex.headers)).json()
    assert [u["email"] for u in globex_list["items"]] == ["owner@globex.test"]


async def test_list_is_paginated_and_limits_are_enforced(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    for n in range(3):
        await add_user(client, acme, f"user{n}@acme.test", "member")
    page = (await client.get("/api/v1/users?limit=2&offset=1", headers=acme.headers)).json()
    assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (4, 2, 1, 2)
    by_email = (await client.get("/api/v1/users?order_by=-email", headers=acme.headers)).json()
    emails = [u["email"] for u in by_email["items"]]
    assert emails == sorted(emails, reverse=True)
    for bad in ("limit=0", "limit=201", "offset=-1", "limit=abc", "order_by=password_hash"):
        response = await client.get(f"/api/v1/users?{bad}", headers=acme.headers)
        assert response.status_code == 400, bad


async def test_members_read_but_do_not_manage(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    member = await add_user(client, acme, "bob@acme.test", "member")
    assert (await client.get("/api/v1/users", headers=member.headers)).status_code == 200
    create = await client.post(
        "/api/v1/users",
        json={"email": "eve@acme.test", "password": PASSWORD, "role": "member"},
        headers=member.headers,
    )
    delete = await client.delete(
        f"/api/v1/users/{acme.user_id}",
        headers=await with_user_etag(client, member, acme.user_id),
    )
    assert (create.status_code, delete.status_code) == (403, 403)


async def test_admins_manage_members_but_not_owners(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    admin = await add_user(client, acme, "ann@acme.test", "admin")
    member = await add_user(client, admin, "bob@acme.test", "member")
    promote = await client.patch(
        f"/api/v1/users/{member.user_id}",
        json={"role": "admin"},
        headers=await with_user_etag(client, admin, member.user_id),
    )
    make_owner = await client.post(
        "/api/v1/users",
        json={"email": "oz@acme.test", "password": PASSWORD, "role": "owner"},
        headers=admin.headers,
    )
    demote_owner = await client.patch(
        f"/api/v1/users/{acme.user_id}",
        json={"role": "member"},
        headers=await with_user_etag(client, admin, acme.user_id),
    )
    assert promote.status_code == 200 and promote.json()["role"] == "admin"
    assert (make_owner.status_code, demote_owner.status_code) == (403, 403)


async def test_the_last_owner_can_be_neither_demoted_nor_removed(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    url = f"/api/v1/users/{acme.user_id}"
    tagged = await with_user_etag(client, acme, acme.user_id)
    demote = await client.patch(url, json={"role": "admin"}, headers=tagged)
    remove = await client.delete(url, headers=tagged)
    assert (demote.status_code, remove.status_code) == (409, 409)

    second = await add_user(client, acme, "co@acme.test", "owner")
    demoted = await client.patch(
        url, json={"role": "admin"}, headers=await with_user_etag(client, second, acme.user_id)
    )
    assert demoted.status_code == 200
    removed = await client.delete(
        f"/api/v1/users/{second.user_id}",
        headers=await with_user_etag(client, second, second.user_id),
    )
    assert removed.status_code == 409


async def test_emails_are_unique_per_tenant_case_insensitively(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    body = {"email": "Bob@Example.test", "password": PASSWORD, "role": "member"}
    assert (await client.post("/api/v1/users", json=body, headers=acme.headers)).status_code == 201
    assert (
        await client.post("/api/v1/users", json=body, headers=globex.headers)
    ).status_code == 201
    again = await client.post(
        "/api/v1/users", json={**body, "email": "BOB@example.TEST"}, headers=acme.headers
    )
    assert again.status_code == 409


@pytest.mark.parametrize("field", ["tenant_id", "id"])
async def test_clients_cannot_choose_a_tenant_or_id(client: Client, field: str) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    body = {
        "email": "bob@acme.test",
        "password": PASSWORD,
        "role": "member",
        field: globex.tenant_id,
    }
    response = await client.post("/api/v1/users", json=body, headers=acme.headers)
    assert response.status_code == 400


async def test_deleted_users_disappear_and_their_sessions_end(client: Client) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    member = await add_user(client, acme, "bob@acme.test", "member")
    url = f"/api/v1/users/{member.user_id}"
    tagged = await with_user_etag(client, acme, member.user_id)
    assert (await client.delete(url, headers=tagged)).status_code == 204
    assert (await client.get(url, headers=acme.headers)).status_code == 404
    refresh = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": member.refresh_token}
    )
    assert refresh.status_code == 401
