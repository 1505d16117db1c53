"""The signup findings of issue 9, reproduced over HTTP: each attack is refused with a
422 problem naming the field, and no tenant comes of it, beside two existing tenants."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from interface.composition.app import create_app
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import PASSWORD, sign_up
from tests.database import DatabaseUnderTest, truncate_all


def _signup(**changes: str) -> dict[str, str]:
    body = {
        "tenant_name": "Initech",
        "tenant_slug": "initech",
        "email": "peter@initech.test",
        "password": PASSWORD,
    }
    return {**body, **changes}


async def _refused(
    client: Client, body: dict[str, str], field: str, status: int = 422
) -> dict[str, Any]:
    """Refused naming ``field``: 422 when the body matches the schema and a rule refuses it,
    400 when the schema itself (the text rule's pattern) already excludes it."""
    await sign_up(client, "acme")
    await sign_up(client, "globex")
    response = await client.post("/api/v1/signup", json=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert [e["field"] for e in problem["errors"]] == [field]
    login = {"tenant_slug": body["tenant_slug"], "email": body["email"], "password": PASSWORD}
    assert (await client.post("/api/v1/auth/token", json=login)).status_code in (400, 401)
    return problem


@pytest.mark.parametrize("slug", ["admin", "api", "www", "Tenantry"])
async def test_a_reserved_slug_is_refused_naming_tenant_slug(client: Client, slug: str) -> None:
    problem = await _refused(client, _signup(tenant_slug=slug), "tenant_slug")
    assert "reserved" in problem["errors"][0]["message"]


async def test_a_kelvin_sign_slug_is_refused_not_folded_into_ascii(client: Client) -> None:
    await _refused(client, _signup(tenant_slug="\u212acme"), "tenant_slug")


@pytest.mark.parametrize(
    "email",
    ["\u0430dmin@example.com", "\u0430\u0441\u0435@initech.test", "peter@\u0430cme.test"],
)
async def test_a_cyrillic_look_alike_email_is_refused_naming_email(
    client: Client, email: str
) -> None:
    await _refused(client, _signup(email=email), "email")


async def test_an_international_domain_is_stored_once_and_logs_in_by_either_form(
    client: Client,
) -> None:
    await sign_up(client, "acme")
    await sign_up(client, "globex")
    created = await client.post("/api/v1/signup", json=_signup(email="Peter@Bücher.example"))
    assert created.status_code == 201, created.text
    assert created.json()["user"]["email"] == "peter@xn--bcher-kva.example"
    for typed in ("peter@bücher.example", "PETER@XN--BCHER-KVA.EXAMPLE"):
        login = {"tenant_slug": "initech", "email": typed, "password": PASSWORD}
        assert (await client.post("/api/v1/auth/token", json=login)).status_code == 200
    other = {"tenant_slug": "globex", "email": "peter@bücher.example", "password": PASSWORD}
    assert (await client.post("/api/v1/auth/token", json=other)).status_code == 401


async def test_a_tenant_name_with_a_right_to_left_override_is_refused(client: Client) -> None:
    body = _signup(tenant_name="Initech \u202egnp.exe")
    problem = await _refused(client, body, "tenant_name", status=400)
    assert "U+202E" in problem["errors"][0]["message"]


async def test_a_guessable_password_is_refused_with_advice(client: Client) -> None:
    problem = await _refused(client, _signup(password="abcdabcdabcd"), "password")
    message = problem["errors"][0]["message"]
    assert "too easy to guess" in message and "Repeats like" in message


async def test_the_minimum_score_setting_reaches_the_users_endpoint(
    database: DatabaseUnderTest,
) -> None:
    async with AsyncTestClient(app=create_app(app_settings(database, password_min_score=4))) as c:
        acme = await sign_up(c, "acme")  # the test passphrase scores 4
        globex = await sign_up(c, "globex")
        body = {"email": "bob@acme.test", "password": "wrong password!", "role": "member"}
        strict = await c.post("/api/v1/users", json=body, headers=acme.headers)
        body["password"] = "purple monkey dishwasher"
        accepted = await c.post("/api/v1/users", json=body, headers=acme.headers)
        listed = await c.get("/api/v1/users", headers=globex.headers)
    await truncate_all(database.owner)
    assert strict.status_code == 422, strict.text
    assert [e["field"] for e in strict.json()["errors"]] == ["password"]
    assert "4 needed" in strict.json()["errors"][0]["message"]
    assert accepted.status_code == 201, accepted.text
    assert [u["email"] for u in listed.json()["items"]] == ["owner@globex.test"]
