"""Requests without a valid bearer token are a 401 problem with WWW-Authenticate."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest

from tests.api.conftest import JWT_SECRET, Client
from tests.api.identity_helpers import Account, bearer, sign_up


def _claims(account: Account, **overrides: Any) -> dict[str, Any]:
    claims = jwt.decode(account.access_token, options={"verify_signature": False})
    claims.update(overrides)
    return claims


def _sign(
    account: Account,
    claims: dict[str, Any],
    key: str | None = JWT_SECRET,
    algorithm: str = "HS256",
    kid: str | None = "real",
) -> str:
    """``claims`` signed under the account's real key id (unless ``kid`` says otherwise),
    so that only what the test changed can make the token fail."""
    if kid == "real":
        kid = jwt.get_unverified_header(account.access_token)["kid"]
    return jwt.encode(claims, key, algorithm, headers=None if kid is None else {"kid": kid})


async def _assert_401(client: Client, headers: dict[str, str]) -> None:
    response = await client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.headers["content-type"] == "application/problem+json"


async def test_missing_or_malformed_authorization_is_401(client: Client) -> None:
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer "}):
        await _assert_401(client, headers)
    await _assert_401(client, bearer("not.a.jwt"))


@pytest.mark.parametrize(
    "tamper",
    [
        "expired",
        "wrong_audience",
        "wrong_issuer",
        "other_secret",
        "hs512",
        "none_alg",
        "no_kid",
        "unknown_kid",
        "bad_sig",
    ],
)
async def test_tampered_and_expired_tokens_are_401(client: Client, tamper: str) -> None:
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    now = int(time.time())
    token: str
    if tamper == "expired":
        token = _sign(acme, _claims(acme, exp=now - 5, iat=now - 100))
    elif tamper == "wrong_audience":
        token = _sign(acme, _claims(acme, aud="someone-else"))
    elif tamper == "wrong_issuer":
        token = _sign(acme, _claims(acme, iss="evil"))
    elif tamper == "other_secret":
        token = _sign(acme, _claims(acme), "another-secret-of-enough-length-000000")
    elif tamper == "hs512":
        token = _sign(acme, _claims(acme), algorithm="HS512")
    elif tamper == "none_alg":
        token = _sign(acme, _claims(acme), None, "none")
    elif tamper == "no_kid":
        token = _sign(acme, _claims(acme), kid=None)
    elif tamper == "unknown_kid":
        token = _sign(acme, _claims(acme), kid="retired")
    else:
        head, body, signature = acme.access_token.split(".")
        token = f"{head}.{body}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    await _assert_401(client, bearer(token))


async def test_a_token_re_signed_unchanged_is_accepted(client: Client) -> None:
    """The control for the tampering cases above: ``_sign`` itself makes a valid token."""
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    response = await client.get("/api/v1/me", headers=bearer(_sign(acme, _claims(acme))))
    assert response.status_code == 200
    assert response.json()["tenant"]["id"] == acme.tenant_id != globex.tenant_id


async def test_a_token_with_another_tenant_id_does_not_verify(client: Client) -> None:
    acme = await sign_up(client, "acme")
    globex = await sign_up(client, "globex")
    forged = _sign(acme, _claims(acme, tid=globex.tenant_id), "guessed-secret-0000000000000000000")
    await _assert_401(client, bearer(forged))
