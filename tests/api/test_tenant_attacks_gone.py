"""Tenant attack suite, issue 11: the token of a tenant that is gone (suspended or deleted
by the operator) reaches no data, its own or another tenant's, on any route."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import httpx
import pytest
from litestar.testing import AsyncTestClient

from interface.cli.main import main
from interface.composition.app import create_app
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import PASSWORD, Account, sign_up
from tests.api.tenant_attack_routes import API, Operation, send
from tests.api.tenant_attack_seed import Seeded, World, leaked, rows_of, seed_world, snapshot
from tests.database import DatabaseUnderTest


@pytest.fixture
async def world(client: Client, database: DatabaseUnderTest) -> World:
    return await seed_world(client, database)


async def _operator(
    database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch, *argv: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", database.urls.runtime)
    monkeypatch.setenv("DATABASE_OWNER_URL", database.urls.owner)
    monkeypatch.setenv("JWT_SECRET", "cli-test-secret-" + "x" * 40)
    assert await asyncio.to_thread(main, list(argv)) == 0


def _refused(response: httpx.Response) -> bool:
    return response.status_code in (401, 403, 404)


def _empty(response: httpx.Response) -> bool:
    """No 5xx, and a success holds no rows (an empty list, or no body)."""
    if response.status_code >= 500:
        return False
    body = response.json() if response.content and response.status_code < 300 else {}
    return response.status_code >= 400 or (body.get("items", []) == [] and "id" not in body)


async def _gone_tenant_findings(
    client: Client, ops: list[Operation], gone: Seeded, other: Seeded, ok: Callable[..., bool]
) -> list[str]:
    """Each authenticated operation with the gone tenant's token, on its own former ids
    and on another tenant's: ``ok`` must hold, and nothing of either's data shows."""
    findings = []
    for op in (op for op in ops if not op.public):
        for owner in (gone, other):
            sent = await send(client, op, owner.ids, gone.account.headers, body_ids=owner.ids)
            if not ok(sent) or leaked(owner, sent.text, owner.ids.values()):
                slug = owner.account.slug
                findings.append(f"{op} ({slug}'s ids): {sent.status_code} {sent.text}")
    return findings


async def test_a_suspended_tenants_token_gets_no_data(
    client: Client, world: World, database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    acme, globex, ops = world
    before = await snapshot(client, ops, acme)
    await _operator(database, monkeypatch, "tenants", "suspend", "--slug", "acme")
    started = time.monotonic()
    while (await client.get("/api/v1/me", headers=acme.account.headers)).status_code != 403:
        assert time.monotonic() - started < 5, "the suspension never reached the app"
        await asyncio.sleep(0.05)
    assert await _gone_tenant_findings(client, ops, acme, globex, _refused) == []
    await _operator(database, monkeypatch, "tenants", "resume", "--slug", "acme")
    while (await client.get("/api/v1/me", headers=acme.account.headers)).status_code != 200:
        assert time.monotonic() - started < 10, "the resumption never reached the app"
        await asyncio.sleep(0.05)
    assert await snapshot(client, ops, acme) == before


def _unauthenticated(response: httpx.Response) -> bool:
    """A 401 problem asking for a bearer token: nothing about the resource, not even a
    404 or a 409 that would tell what exists."""
    return (
        response.status_code == 401
        and response.headers.get("content-type") == "application/problem+json"
        and response.headers.get("www-authenticate") == "Bearer"
        and response.json()["detail"] == "The tenant of this token has been deleted."
    )


async def test_a_deleted_tenants_token_is_refused_everywhere_and_its_slug_is_free(
    client: Client, world: World, database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The operator deletes acme (``tenantry tenants delete``): its every row is gone, its
    unexpired token is a 401 on every route (on its own former ids and on globex's), its
    refresh token and password open nothing, globex reads exactly what it read before, and
    a new acme starts empty, untouched by the old one's revocation."""
    acme, globex, ops = world
    before = await snapshot(client, ops, globex)
    await _operator(database, monkeypatch, "tenants", "delete", "--slug", "acme", "--yes")
    started = time.monotonic()
    while (await client.get("/api/v1/me", headers=acme.account.headers)).status_code != 401:
        assert time.monotonic() - started < 5, "the deletion never reached the app"
        await asyncio.sleep(0.05)
    assert await _gone_tenant_findings(client, ops, acme, globex, _unauthenticated) == []
    assert await rows_of(database, acme.account.tenant_id) == 0
    assert await snapshot(client, ops, globex) == before
    refresh = {"refresh_token": acme.account.refresh_token}
    assert (await client.post("/api/v1/auth/refresh", json=refresh)).status_code == 401
    login = {"tenant_slug": "acme", "email": acme.account.email, "password": PASSWORD}
    assert (await client.post("/api/v1/auth/token", json=login)).status_code == 401

    again = await sign_up(client, "acme")
    assert again.tenant_id != acme.account.tenant_id
    assert await _old_data_seen_by(client, ops, again, acme) == []
    assert (await client.get(f"{API}/products", headers=again.headers)).json()["total"] == 0
    assert _unauthenticated(await client.get("/api/v1/me", headers=acme.account.headers))


async def _old_data_seen_by(
    client: Client, ops: list[Operation], new: Account, old: Seeded
) -> list[str]:
    """The lists a new tenant reads that show anything of the old one with its slug."""
    remains = [old.account.tenant_id, old.account.user_id, *old.ids.values(), "ACME-SKU"]
    seen = []
    for op in ops:
        if op.method == "GET" and not op.path_params and not op.public:
            response = await client.get(op.url({}), headers=new.headers)
            assert response.status_code == 200, f"{op}: {response.text}"
            seen += [f"{op}: {r}" for r in remains if r in response.text]
    return seen


async def test_a_process_that_missed_the_deletion_refuses_the_token_from_its_first_read(
    client: Client, database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An API process started after the deletion never heard the notification: its first
    read of ``deleted_tenant_ids()`` refuses the token anyway."""
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    await _operator(database, monkeypatch, "tenants", "delete", "--slug", "acme", "--yes")
    async with AsyncTestClient(app=create_app(app_settings(database))) as started_later:
        assert _unauthenticated(await started_later.get("/api/v1/me", headers=acme.headers))
        assert (await started_later.get("/api/v1/me", headers=globex.headers)).status_code == 200
