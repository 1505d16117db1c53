"""Signing settings: a real secret outside development, a private development secret file,
and well-formed previous keys."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from infrastructure.env_values import SettingsError
from infrastructure.settings import Settings
from interface.composition.app import create_app
from interface.composition.signing import signing_keys, with_signing_secret

SECRET = "deployment-secret-for-unit-tests-0123456789"
EXTERNAL = "postgresql://tenantry_app@/never-connected"


def _settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env({"DATA_DIR": str(tmp_path), **env})


@pytest.mark.parametrize(
    "env", [{"ENV": "production"}, {"DATABASE_URL": EXTERNAL}], ids=["ENV", "DATABASE_URL"]
)
def test_outside_development_no_secret_refuses_to_start(
    tmp_path: Path, env: dict[str, str]
) -> None:
    settings = _settings(tmp_path, **env)
    with pytest.raises(SettingsError, match="JWT_SECRET is required outside development"):
        with_signing_secret(settings)
    with pytest.raises(SettingsError, match="JWT_SECRET"):
        create_app(settings)
    assert not (tmp_path / "jwt-secret.dev").exists(), "no file secret outside development"


def test_create_app_from_the_environment_refuses_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JWT_SECRET", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", EXTERNAL)
    with pytest.raises(SettingsError, match="JWT_SECRET is required"):
        create_app()


def test_a_short_secret_is_refused_counting_bytes_not_characters(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="JWT_SECRET must be at least 32 bytes"):
        _settings(tmp_path, JWT_SECRET="x" * 31, ENV="production")
    with pytest.raises(SettingsError, match="JWT_SECRET must be at least 32 bytes"):
        _settings(tmp_path, JWT_SECRET="é" * 15 + "x")  # 16 characters, 31 bytes
    settings = _settings(tmp_path, JWT_SECRET="é" * 16, DATABASE_URL=EXTERNAL)  # 32 bytes
    assert signing_keys(settings).current.secret == "é" * 16


def test_env_takes_development_or_production_only(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="ENV"):
        _settings(tmp_path, ENV="staging")
    assert _settings(tmp_path).is_development
    assert not _settings(tmp_path, ENV="production", JWT_SECRET=SECRET).is_development


def test_the_embedded_servers_url_is_still_development(tmp_path: Path) -> None:
    """``running_database`` fills in the embedded server's URL; that is no deployment."""
    embedded = Settings(data_dir=tmp_path, database_url=EXTERNAL, embedded_database=True)
    assert embedded.is_development
    assert not Settings(data_dir=tmp_path, database_url=EXTERNAL).is_development


def test_development_generates_a_private_secret_once_with_a_derived_kid(tmp_path: Path) -> None:
    first = signing_keys(_settings(tmp_path))
    path = tmp_path / "jwt-secret.dev"
    assert path.stat().st_mode & 0o777 == 0o600
    again = signing_keys(_settings(tmp_path))
    assert again.current == first.current
    assert len(first.current.kid) == 8
    assert len(first.current.secret.encode()) >= 32


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660, 0o606])
def test_a_development_secret_open_to_others_is_refused(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "jwt-secret.dev"
    path.write_text("a-development-secret-somebody-else-could-read-000")
    path.chmod(mode)
    with pytest.raises(SettingsError, match=f"mode {mode:04o}.*chmod 600 {path}.*or delete it"):
        signing_keys(_settings(tmp_path))


@pytest.mark.parametrize("mode", [0o600, 0o400])
def test_a_private_development_secret_is_used(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "jwt-secret.dev"
    path.write_text("a-development-secret-only-i-can-read-0000000\n")
    path.chmod(mode)
    keys = signing_keys(_settings(tmp_path))
    assert keys.current.secret == "a-development-secret-only-i-can-read-0000000"


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give a file to another user")
def test_a_development_secret_owned_by_another_user_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "jwt-secret.dev"
    path.write_text("a-development-secret-of-another-user-00000000")
    path.chmod(0o600)
    os.chown(path, 65534, 65534)
    with pytest.raises(SettingsError, match="belongs to another user.*delete it"):
        signing_keys(_settings(tmp_path))


def test_a_symlinked_or_short_development_secret_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("a-development-secret-behind-a-symlink-0000000")
    target.chmod(0o600)
    (tmp_path / "jwt-secret.dev").symlink_to(target)
    with pytest.raises(SettingsError, match="cannot be read safely"):
        signing_keys(_settings(tmp_path))
    (tmp_path / "jwt-secret.dev").unlink()
    (tmp_path / "jwt-secret.dev").write_text("short")
    (tmp_path / "jwt-secret.dev").chmod(0o600)
    with pytest.raises(SettingsError, match="under 32 bytes"):
        signing_keys(_settings(tmp_path))
