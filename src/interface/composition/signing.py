"""Where the token signing keys come from: ``JWT_SECRET`` (with ``JWT_KEY_ID`` and
``JWT_PREVIOUS_KEYS``), or, in development only, the generated secret in the data dir.

Every process that builds a container (the API, the relay worker, the operator CLI) goes
through ``signing_keys``, so none of them can start outside development without a real
secret, whichever way its settings were made.
"""

from __future__ import annotations

from dataclasses import replace

from infrastructure.env_values import SettingsError
from infrastructure.identity.dev_secret import development_secret
from infrastructure.jwt_signing_keys import KeyRing
from infrastructure.settings import Settings
from infrastructure.settings_signing import MISSING_SECRET, key_ring


def with_signing_secret(settings: Settings) -> Settings:
    """``settings`` with ``jwt_secret`` set: the configured one, or in development the
    generated one; outside development no secret is a ``SettingsError``."""
    if settings.jwt_secret is not None:
        return settings
    if not settings.is_development:
        raise SettingsError(MISSING_SECRET)
    return replace(settings, jwt_secret=development_secret(settings.data_dir))


def signing_keys(settings: Settings) -> KeyRing:
    """The current key and the previous keys still accepted."""
    secret = with_signing_secret(settings).jwt_secret
    assert secret is not None
    return key_ring(secret, settings.jwt_key_id, settings.jwt_previous_keys)
