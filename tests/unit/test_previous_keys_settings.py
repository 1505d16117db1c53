"""``JWT_KEY_ID`` and ``JWT_PREVIOUS_KEYS``: parsed into the key ring, or refused by name
without ever quoting a secret."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from infrastructure.env_values import SettingsError
from infrastructure.settings import Settings
from interface.composition.signing import signing_keys

SECRET = "deployment-secret-for-unit-tests-0123456789"
OLD_SECRET = "previous-secret-for-unit-tests-0123456789"
OLDER_SECRET = "older-secret:with-a-colon-for-unit-tests-0123"


def _settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env({"DATA_DIR": str(tmp_path), "ENV": "production", **env})


def test_the_current_kid_is_derived_from_the_secret_unless_configured(tmp_path: Path) -> None:
    derived = signing_keys(_settings(tmp_path, JWT_SECRET=SECRET)).current
    assert derived.kid == hashlib.sha256(SECRET.encode()).hexdigest()[:8]
    named = signing_keys(_settings(tmp_path, JWT_SECRET=SECRET, JWT_KEY_ID="2026-05")).current
    assert (named.kid, named.secret) == ("2026-05", SECRET)


def test_previous_keys_join_the_ring_by_their_ids(tmp_path: Path) -> None:
    settings = _settings(
        tmp_path,
        JWT_SECRET=SECRET,
        JWT_KEY_ID="2026-05",
        JWT_PREVIOUS_KEYS=f" 2026-01:{OLD_SECRET} , 2025-09:{OLDER_SECRET}",
    )
    keys = signing_keys(settings)
    assert keys.kids == ("2026-05", "2026-01", "2025-09")
    previous = keys.key("2025-09")
    assert previous is not None and previous.secret == OLDER_SECRET  # split at the first ':'
    assert keys.key("2024-01") is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (f"{OLD_SECRET}", "key_id:secret pairs.*entry 1 is not"),
        (f"old:{OLD_SECRET},", "entry 2 is not"),
        (f":{OLD_SECRET}", "entry 1 is not"),
        ("old:", "entry 1 is not"),
        (f"bad id:{OLD_SECRET}", "entry 1 is not"),
        ("old:too-short-a-secret", "secret of key 'old' must be at least 32 bytes"),
        (f"old:{OLD_SECRET},old:{OLDER_SECRET}", "key id 'old' more than once"),
        (f"2026-05:{OLD_SECRET}", "reuses the current key's id '2026-05'"),
    ],
)
def test_malformed_previous_keys_are_refused_without_quoting_secrets(
    tmp_path: Path, raw: str, message: str
) -> None:
    env = {"JWT_SECRET": SECRET, "JWT_KEY_ID": "2026-05", "JWT_PREVIOUS_KEYS": raw}
    with pytest.raises(SettingsError, match=f"JWT_PREVIOUS_KEYS.*{message}") as caught:
        _settings(tmp_path, **env)
    for secret in (SECRET, OLD_SECRET, OLDER_SECRET, "too-short-a-secret"):
        assert secret not in str(caught.value)


def test_a_previous_key_may_not_reuse_the_derived_id_of_the_development_secret(
    tmp_path: Path,
) -> None:
    dev = signing_keys(Settings.from_env({"DATA_DIR": str(tmp_path)})).current
    settings = Settings.from_env(
        {"DATA_DIR": str(tmp_path), "JWT_PREVIOUS_KEYS": f"{dev.kid}:{OLD_SECRET}"}
    )
    with pytest.raises(SettingsError, match="reuses the current key's id"):
        signing_keys(settings)


@pytest.mark.parametrize("kid", ["has space", "x" * 65, "kid:colon", "ключ"])
def test_a_malformed_key_id_is_refused(tmp_path: Path, kid: str) -> None:
    with pytest.raises(SettingsError, match="JWT_KEY_ID"):
        _settings(tmp_path, JWT_SECRET=SECRET, JWT_KEY_ID=kid)
