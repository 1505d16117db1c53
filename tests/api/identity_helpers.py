"""HTTP helpers for identity tests: sign up, log in, and bearer headers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.api.conftest import Client

PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Account:
    slug: str
    email: str
    tenant_id: str
    user_id: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.access_token)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def log_in(client: Client, slug: str, email: str, password: str = PASSWORD) -> Any:
    response = await client.post(
        "/api/v1/auth/token", json={"tenant_slug": slug, "email": email, "password": password}
    )
    assert response.status_code == 200, response.text
    return response.json()


def signup_body(slug: str) -> dict[str, str]:
    """What a signup of tenant ``slug`` and its owner sends."""
    email = f"owner@{slug}.test"
    return {"tenant_name": slug, "tenant_slug": slug, "email": email, "password": PASSWORD}


async def sign_up(client: Client, slug: str, email: str | None = None) -> Account:
    email = email or f"owner@{slug}.test"
    response = await client.post(
        "/api/v1/signup",
        json={
            "tenant_name": f"{slug.title()} Inc.",
            "tenant_slug": slug,
            "email": email,
            "password": PASSWORD,
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    tokens = await log_in(client, slug, email)
    return Account(
        slug,
        email,
        body["tenant"]["id"],
        body["user"]["id"],
        tokens["access_token"],
        tokens["refresh_token"],
    )


async def add_user(client: Client, owner: Account, email: str, role: str) -> Account:
    response = await client.post(
        "/api/v1/users",
        json={"email": email, "password": PASSWORD, "role": role},
        headers=owner.headers,
    )
    assert response.status_code == 201, response.text
    tokens = await log_in(client, owner.slug, email)
    return Account(
        owner.slug,
        email,
        owner.tenant_id,
        response.json()["id"],
        tokens["access_token"],
        tokens["refresh_token"],
    )


async def with_user_etag(client: Client, account: Account, user_id: str) -> dict[str, str]:
    """The account's headers plus ``If-Match`` with the user's current ETag (read first)."""
    response = await client.get(f"/api/v1/users/{user_id}", headers=account.headers)
    assert response.status_code == 200, response.text
    return {**account.headers, "If-Match": response.headers["etag"]}
