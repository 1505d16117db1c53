"""Where the token signing keys come from: ``JWT_SECRET`` (with ``JWT_KEY_ID`` and
``JWT_PREVIOUS_KEYS``), or the generated development secret in the data dir."""

from __future__ import annotations

from infrastructure.identity.dev_secret import signing_secret
from infrastructure.jwt_signing_keys import KeyRing
from infrastructure.settings import Settings
from infrastructure.settings_signing import key_ring


def signing_keys(settings: Settings) -> KeyRing:
    """The current key and the previous keys still accepted."""
    secret = signing_secret(settings.jwt_secret, settings.data_dir)
    return key_ring(secret, settings.jwt_key_id, settings.jwt_previous_keys)
