"""The signup findings of issue 9, reproduced over HTTP: each attack is refused with a
400 problem naming the field, and no tenant comes of it, beside two existing tenants."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Client
from tests.api.identity_helpers import PASSWORD, sign_up


def _signup(**changes: str) -> dict[str, str]:
    body = {
        "tenant_name": "Initech",
        "tenant_slug": "initech",
        "email": "peter@initech.test",
        "password": PASSWORD,
    }
    return {**body, **changes}


async def _refused(client: Client, body: dict[str, str], field: str) -> dict[str, Any]:
    await sign_up(client, "acme")
    await sign_up(client, "globex")
    response = await client.post("/api/v1/signup", json=body)
    assert response.status_code == 400, response.text
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
