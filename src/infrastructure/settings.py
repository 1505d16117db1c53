"""The one typed settings object, read from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from infrastructure.env_values import SettingsError, env_bool, env_choice, env_int
from infrastructure.jwt_signing_keys import SigningKey
from infrastructure.project_root import PROJECT_ROOT
from infrastructure.settings_limits import LimitSettings
from infrastructure.settings_sections import EventSettings, SmtpSettings, WebhookSettings
from infrastructure.settings_server import ServerSettings
from infrastructure.settings_signing import (
    environment,
    jwt_key_id,
    jwt_secret,
    key_ring,
    previous_keys,
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Configuration; see the README's table for every variable."""

    environment: str = "development"
    """``ENV``: ``development`` or ``production``."""
    host: str = "127.0.0.1"
    port: int = 8000
    database_url: str | None = None
    embedded_database: bool = False
    """``database_url`` is the embedded server's, filled in by ``running_database``."""
    database_owner_url: str | None = None
    data_dir: Path = PROJECT_ROOT / ".data"
    db_pool_size: int = 10
    log_level: str = "INFO"
    log_format: str = "console"
    """``LOG_FORMAT``: ``json`` lines (the default in production) or a readable ``console``."""
    jwt_secret: str | None = field(default=None, repr=False)
    """``None``: the generated development secret (refused outside development)."""
    jwt_key_id: str | None = None
    """``None``: derived from the secret."""
    jwt_previous_keys: tuple[SigningKey, ...] = ()
    jwt_issuer: str = "tenantry"
    jwt_audience: str = "tenantry-api"
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_days: int = 14
    session_max_days: int = 30
    revocation_refresh_seconds: int = 60
    metrics_enabled: bool = True
    tracing: str = "off"
    """``TRACING``: ``off``, ``console`` (spans printed as JSON) or ``otlp`` (to a collector)."""
    metrics_token: str | None = field(default=None, repr=False)
    signup_enabled: bool = True
    password_min_score: int = 3
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    idempotency_ttl_hours: int = 24
    pending_order_ttl_minutes: int = 30
    sandbox_latency_ms: int = 0
    events: EventSettings = EventSettings()
    smtp: SmtpSettings = SmtpSettings()
    webhooks: WebhookSettings = WebhookSettings()
    limits: LimitSettings = LimitSettings()
    server: ServerSettings = ServerSettings()

    @property
    def uses_embedded_database(self) -> bool:
        return self.database_url is None

    @property
    def is_development(self) -> bool:
        """``ENV=development`` on the embedded database: the only case where tokens may be
        signed with the generated development secret."""
        embedded = self.database_url is None or self.embedded_database
        return self.environment == "development" and embedded

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        level = env.get("LOG_LEVEL", "INFO").upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise SettingsError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {level!r}")
        settings = cls(
            environment=environment(env),
            host=env.get("HOST") or "127.0.0.1",
            port=env_int(env, "PORT", 8000, 1, 65535),
            database_url=env.get("DATABASE_URL") or None,
            database_owner_url=env.get("DATABASE_OWNER_URL") or None,
            data_dir=Path(env.get("DATA_DIR") or PROJECT_ROOT / ".data"),
            db_pool_size=env_int(env, "DB_POOL_SIZE", 10, 1, 200),
            log_level=level,
            log_format=env_choice(
                env,
                "LOG_FORMAT",
                "json" if environment(env) == "production" else "console",
                ("json", "console"),
            ),
            jwt_secret=jwt_secret(env),
            jwt_key_id=jwt_key_id(env),
            jwt_previous_keys=previous_keys(env),
            access_token_ttl_seconds=env_int(env, "ACCESS_TOKEN_TTL_SECONDS", 900, 60, 86400),
            refresh_token_ttl_days=env_int(env, "REFRESH_TOKEN_TTL_DAYS", 14, 1, 365),
            session_max_days=env_int(env, "SESSION_MAX_DAYS", 30, 1, 365),
            revocation_refresh_seconds=env_int(env, "REVOCATION_REFRESH_SECONDS", 60, 1, 3600),
            metrics_enabled=env_bool(env, "METRICS_ENABLED", True),
            tracing=env_choice(env, "TRACING", "off", ("off", "console", "otlp")),
            metrics_token=env.get("METRICS_TOKEN") or None,
            signup_enabled=env_bool(env, "SIGNUP_ENABLED", True),
            password_min_score=env_int(env, "PASSWORD_MIN_SCORE", 3, 0, 4),
            argon2_time_cost=env_int(env, "ARGON2_TIME_COST", 3, 1, 20),
            argon2_memory_kib=env_int(env, "ARGON2_MEMORY_KIB", 65536, 1024, 4194304),
            idempotency_ttl_hours=env_int(env, "IDEMPOTENCY_TTL_HOURS", 24, 1, 24 * 30),
            pending_order_ttl_minutes=env_int(env, "PENDING_ORDER_TTL_MINUTES", 30, 1, 7 * 24 * 60),
            sandbox_latency_ms=env_int(env, "SANDBOX_LATENCY_MS", 0, 0, 60_000),
            events=EventSettings.from_env(env),
            smtp=SmtpSettings.from_env(env),
            webhooks=WebhookSettings.from_env(env),
            limits=LimitSettings.from_env(env),
            server=ServerSettings.from_env(env),
        )
        # A missing JWT_SECRET is refused where keys are needed (serve, worker, operator
        # commands, create_app), not here: ``tenantry migrate`` signs nothing.
        if settings.jwt_secret is not None:
            key_ring(settings.jwt_secret, settings.jwt_key_id, settings.jwt_previous_keys)
        return settings
