"""The signing settings: ``ENV``, ``JWT_SECRET``, ``JWT_KEY_ID``, ``JWT_PREVIOUS_KEYS``.

Outside development (``ENV=production``, or an external ``DATABASE_URL``) ``JWT_SECRET``
is required: a deployment never signs with a generated file secret. That is enforced
where the keys are built (``interface.composition.signing``), so ``tenantry migrate``,
which signs nothing, runs without it. No message here ever quotes a secret.
"""

from __future__ import annotations

from collections.abc import Mapping

from infrastructure.env_values import SettingsError, env_choice
from infrastructure.jwt_signing_keys import (
    KEY_ID,
    MIN_SECRET_BYTES,
    KeyRing,
    SigningKey,
    derive_key_id,
    long_enough,
)

ENVIRONMENTS = ("development", "production")
MISSING_SECRET = (
    "JWT_SECRET is required outside development (ENV=production, or DATABASE_URL set): "
    f"set it to a random value of at least {MIN_SECRET_BYTES} bytes, shared by every process, "
    "e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
)


def environment(env: Mapping[str, str]) -> str:
    return env_choice(env, "ENV", "development", ENVIRONMENTS)


def jwt_secret(env: Mapping[str, str]) -> str | None:
    secret = env.get("JWT_SECRET") or None
    if secret is not None and not long_enough(secret):
        raise SettingsError(
            f"JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes (UTF-8), "
            f"got {len(secret.encode())}"
        )
    return secret


def jwt_key_id(env: Mapping[str, str]) -> str | None:
    kid = env.get("JWT_KEY_ID") or None
    if kid is not None and KEY_ID.fullmatch(kid) is None:
        raise SettingsError(
            f"JWT_KEY_ID must be 1-64 letters, digits, '.', '_' or '-', got {kid!r}"
        )
    return kid


def previous_keys(env: Mapping[str, str]) -> tuple[SigningKey, ...]:
    """``JWT_PREVIOUS_KEYS``: comma-separated ``key_id:secret`` pairs, or nothing."""
    raw = env.get("JWT_PREVIOUS_KEYS", "")
    if raw.strip() == "":
        return ()
    keys = tuple(_previous_key(n, entry.strip()) for n, entry in enumerate(raw.split(","), 1))
    kids = [key.kid for key in keys]
    for kid in kids:
        if kids.count(kid) > 1:
            raise SettingsError(f"JWT_PREVIOUS_KEYS names key id {kid!r} more than once")
    return keys


def _previous_key(number: int, entry: str) -> SigningKey:
    kid, colon, secret = entry.partition(":")
    if not colon or KEY_ID.fullmatch(kid) is None or not secret:
        raise SettingsError(
            f"JWT_PREVIOUS_KEYS must be comma-separated key_id:secret pairs (key ids of "
            f"letters, digits, '.', '_', '-'); entry {number} is not"
        )
    if not long_enough(secret):
        raise SettingsError(
            f"JWT_PREVIOUS_KEYS: the secret of key {kid!r} must be at least "
            f"{MIN_SECRET_BYTES} bytes (UTF-8)"
        )
    return SigningKey(kid, secret)


def key_ring(secret: str, key_id: str | None, previous: tuple[SigningKey, ...]) -> KeyRing:
    """The current key (``secret`` under ``key_id``, or the id derived from the secret) and
    the previous keys; a previous key may not reuse the current key's id."""
    current = SigningKey(key_id or derive_key_id(secret), secret)
    if any(key.kid == current.kid for key in previous):
        raise SettingsError(
            f"JWT_PREVIOUS_KEYS reuses the current key's id {current.kid!r} (JWT_KEY_ID, or "
            "the id derived from JWT_SECRET): give each key its own id"
        )
    return KeyRing(current, previous)
