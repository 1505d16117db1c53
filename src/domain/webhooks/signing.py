"""Standard Webhooks signatures (https://www.standardwebhooks.com): secrets ``whsec_<base64>``
and ``v1,<base64 HMAC-SHA256 of "id.timestamp.body">``, several separated by spaces."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Sequence

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    """A fresh signing secret: 24 random bytes, base64, with the ``whsec_`` prefix."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_header(
    secrets_in_use: Sequence[str], message_id: str, timestamp: int, body: bytes
) -> str:
    """The ``webhook-signature`` value: one signature per secret in use (during a rotation,
    the new and the previous), so a receiver with either secret can verify."""
    return " ".join(signature(s, message_id, timestamp, body) for s in secrets_in_use)
