"""Login throttling and per-client rate limits, on a live server over real sockets, so
that requests run in parallel and come from distinct client addresses."""

from __future__ import annotations

import asyncio

from litestar.testing import AsyncTestClient

from infrastructure.settings_limits import LimitSettings
from interface.composition.app import create_app
from tests.api.conftest import app_settings
from tests.api.identity_helpers import PASSWORD, sign_up
from tests.api.live_server import live_client, peer_client
from tests.database import DatabaseUnderTest, truncate_all

TOKEN = "/api/v1/auth/token"


def _wrong(slug: str = "acme") -> dict[str, str]:
    return {"tenant_slug": slug, "email": f"owner@{slug}.test", "password": "not the password"}


async def test_parallel_wrong_logins_cannot_race_past_the_limit_nor_lock_the_owner_out(
    database: DatabaseUnderTest,
) -> None:
    """Findings 1 and 2: 25 parallel wrong logins all got 401 (none 429), and five of them
    from anywhere locked the real owner out."""
    settings = app_settings(database, limits=LimitSettings(login_max_failures=5))
    try:
        async with live_client(settings) as attacker:
            await sign_up(attacker, "acme")
            await sign_up(attacker, "globex")
            burst = await asyncio.gather(*(attacker.post(TOKEN, json=_wrong()) for _ in range(25)))
            statuses = sorted(response.status_code for response in burst)
            async with peer_client(attacker, "127.0.0.2") as owner:
                own = {**_wrong(), "password": PASSWORD}
                owner_login = await owner.post(TOKEN, json=own)
            blocked = await attacker.post(TOKEN, json=own)
            globex = {**_wrong("globex"), "password": PASSWORD}
            other_tenant = await attacker.post(TOKEN, json=globex)
    finally:
        await truncate_all(database.owner)
    assert statuses == [401] * 5 + [429] * 20
    assert owner_login.status_code == 200, owner_login.text
    assert blocked.status_code == 429 and 0 < int(blocked.headers["retry-after"]) <= 900
    assert other_tenant.status_code == 200


async def test_a_client_over_its_rate_limit_is_refused_before_any_work(
    database: DatabaseUnderTest,
) -> None:
    settings = app_settings(database, limits=LimitSettings(login_rate=(4, 60)))
    try:
        async with live_client(settings) as client:
            answers = [await client.post(TOKEN, json=_wrong()) for _ in range(4)]
            refused = await client.post(TOKEN, content=b"not even json")
            async with peer_client(client, "127.0.0.3") as other:
                elsewhere = await other.post(TOKEN, json=_wrong())
    finally:
        await truncate_all(database.owner)
    assert [a.status_code for a in answers] == [401] * 4
    assert answers[0].headers["ratelimit-policy"] == '"login";q=4;w=60'
    assert answers[0].headers["ratelimit"].startswith('"login";r=3;t=')
    assert refused.status_code == 429
    assert refused.elapsed.total_seconds() >= 0.9  # held a second: a flood gets nowhere fast
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert 0 < int(refused.headers["retry-after"]) <= 60
    assert refused.headers["ratelimit"].startswith('"login";r=0;t=')
    assert elsewhere.status_code == 401


async def test_signup_and_refresh_have_their_own_per_client_limits(
    database: DatabaseUnderTest,
) -> None:
    limits = LimitSettings(signup_rate=(2, 3600), refresh_rate=(2, 60))
    try:
        async with live_client(app_settings(database, limits=limits)) as client:
            acme = await sign_up(client, "acme")
            await sign_up(client, "globex")
            third = await client.post(
                "/api/v1/signup",
                json={
                    "tenant_name": "Initech",
                    "tenant_slug": "initech",
                    "email": "owner@initech.test",
                    "password": PASSWORD,
                },
            )
            refreshes = [
                await client.post("/api/v1/auth/refresh", json={"refresh_token": "x" * 40})
                for _ in range(2)
            ]
            over = await client.post(
                "/api/v1/auth/refresh", json={"refresh_token": acme.refresh_token}
            )
    finally:
        await truncate_all(database.owner)
    assert third.status_code == 429 and third.headers["ratelimit-policy"].startswith('"signup"')
    assert [r.status_code for r in refreshes] == [401, 401]
    assert over.status_code == 429


async def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(
    database: DatabaseUnderTest,
) -> None:
    """Without TRUSTED_PROXIES, X-Forwarded-For is the client's own claim and changes
    nothing, even from 127.0.0.1 with a different address each time; behind a trusted
    proxy, the address it reports (read from the right, past the proxies) is the client,
    so each forwarded client has its own counter."""
    spoofed = await _forwarded_logins(database, LimitSettings(login_rate=(2, 60)))
    behind_proxy = LimitSettings.from_env(
        {"RATE_LIMIT_LOGIN": "2/60", "TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"}
    )
    proxied = await _forwarded_logins(database, behind_proxy)
    assert spoofed == [401, 401, 429, 429]
    assert proxied == [401, 401, 401, 401]


async def _forwarded_logins(database: DatabaseUnderTest, limits: LimitSettings) -> list[int]:
    statuses = []
    try:
        async with live_client(app_settings(database, limits=limits)) as client:
            for n in range(4):
                hops = f"6.6.6.6, 203.0.113.{n}" + (", 10.9.9.9" if n % 2 else "")
                headers = {"X-Forwarded-For": hops}
                response = await client.post(TOKEN, json=_wrong(), headers=headers)
                statuses.append(response.status_code)
    finally:
        await truncate_all(database.owner)
    return statuses


async def test_login_attempts_are_throttled_per_account_and_client(
    database: DatabaseUnderTest,
) -> None:
    limits = LimitSettings(login_max_failures=3, login_window_seconds=600)
    app = create_app(app_settings(database, limits=limits))
    async with AsyncTestClient(app=app) as client:
        await sign_up(client, "acme")
        await sign_up(client, "globex", "owner@acme.test")
        wrong = {"tenant_slug": "acme", "email": "owner@acme.test", "password": "wrong password!"}
        statuses = [
            (await client.post("/api/v1/auth/token", json=wrong)).status_code for _ in range(3)
        ]
        blocked = await client.post("/api/v1/auth/token", json={**wrong, "password": PASSWORD})
        other_tenant = await client.post(
            "/api/v1/auth/token",
            json={"tenant_slug": "globex", "email": "owner@acme.test", "password": PASSWORD},
        )
    await truncate_all(database.owner)
    assert statuses == [401, 401, 401]
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["retry-after"]) <= 600
    assert blocked.json()["type"] == "urn:tenantry:problem:too-many-requests"
    assert other_tenant.status_code == 200
