"""Sections of the settings object: the event relay, outgoing e-mail, webhooks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from infrastructure.env_values import SettingsError, env_bool, env_choice, env_int

DEV_SENDER = "Tenantry <no-reply@tenantry.invalid>"
"""The default From address: a reserved, undeliverable domain (set ``SMTP_FROM``)."""


@dataclass(frozen=True, slots=True)
class EventSettings:
    """The outbox relay (``tenantry worker``) and how ``serve`` starts it."""

    max_attempts: int = 8
    retry_base_ms: int = 2000
    retry_cap_seconds: int = 3600
    batch_size: int = 50
    poll_seconds: int = 30
    relay_workers: int = 1
    """Worker processes ``tenantry serve`` starts beside the API (0: run them yourself)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> EventSettings:
        return cls(
            max_attempts=env_int(env, "EVENT_MAX_ATTEMPTS", 8, 1, 100),
            retry_base_ms=env_int(env, "EVENT_RETRY_BASE_MS", 2000, 1, 3_600_000),
            retry_cap_seconds=env_int(env, "EVENT_RETRY_CAP_SECONDS", 3600, 1, 7 * 86400),
            batch_size=env_int(env, "RELAY_BATCH_SIZE", 50, 1, 1000),
            poll_seconds=env_int(env, "RELAY_POLL_SECONDS", 30, 1, 3600),
            relay_workers=env_int(env, "RELAY_WORKERS", 1, 0, 64),
        )


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where notifications go: ``console`` (development only: printed, never delivered)
    or an SMTP server."""

    channel: str = "console"
    host: str = "localhost"
    port: int = 587
    security: str = "starttls"
    """``starttls``, ``tls`` (implicit, usually port 465) or ``none``."""
    username: str | None = None
    password: str | None = None
    sender: str = DEV_SENDER
    timeout_seconds: int = 10

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SmtpSettings:
        channel = env_choice(env, "NOTIFICATION_CHANNEL", "console", ("console", "smtp"))
        username = env.get("SMTP_USERNAME") or None
        password = env.get("SMTP_PASSWORD") or None
        if (username is None) != (password is None):
            raise SettingsError("SMTP_USERNAME and SMTP_PASSWORD are set together or not at all")
        return cls(
            channel=channel,
            host=env.get("SMTP_HOST") or "localhost",
            port=env_int(env, "SMTP_PORT", 587, 1, 65535),
            security=env_choice(env, "SMTP_SECURITY", "starttls", ("starttls", "tls", "none")),
            username=username,
            password=password,
            sender=env.get("SMTP_FROM") or DEV_SENDER,
            timeout_seconds=env_int(env, "SMTP_TIMEOUT_SECONDS", 10, 1, 300),
        )


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    allow_loopback: bool = False
    """Development and tests only: let webhooks target 127.0.0.1 / ::1."""
    timeout_seconds: int = 10
    disable_after: int = 20
    secret_grace_hours: int = 24

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> WebhookSettings:
        return cls(
            allow_loopback=env_bool(env, "WEBHOOK_ALLOW_LOOPBACK", False),
            timeout_seconds=env_int(env, "WEBHOOK_TIMEOUT_SECONDS", 10, 1, 60),
            disable_after=env_int(env, "WEBHOOK_DISABLE_AFTER", 20, 1, 10_000),
            secret_grace_hours=env_int(env, "WEBHOOK_SECRET_GRACE_HOURS", 24, 0, 24 * 30),
        )
