"""Opaque refresh tokens: ``<tenant id hex>.<random secret>``; only a hash is stored.

The tenant part tells the refresh use case which tenant's transaction to open (the token
is checked under that tenant's row-level security); it grants nothing by itself.
"""

from __future__ import annotations

import hashlib
import secrets
from uuid import UUID


def new_refresh_token(tenant_id: UUID) -> tuple[str, str]:
    """A fresh token for ``tenant_id`` and the hash to store."""
    secret = secrets.token_urlsafe(32)
    return f"{tenant_id.hex}.{secret}", hash_secret(secret)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_refresh_token(token: str) -> tuple[UUID, str] | None:
    """The tenant and the secret's hash, or ``None`` when ``token`` is malformed."""
    tenant_hex, dot, secret = token.partition(".")
    if not dot or len(tenant_hex) != 32 or not 20 <= len(secret) <= 100:
        return None
    try:
        tenant_id = UUID(hex=tenant_hex)
    except ValueError:
        return None
    return tenant_id, hash_secret(secret)
