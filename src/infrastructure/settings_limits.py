"""Settings of the limits on work: per-client rate limits of the public routes, write rate
limits per user and per tenant, the login throttle, password-hashing concurrency and the
proxies whose client header is trusted."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from infrastructure.env_values import SettingsError, env_int

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
HASHES_AT_ONCE = max(1, (os.cpu_count() or 2) // 2)
"""Default ``HASH_CONCURRENCY``: half the CPUs (an argon2id hash already uses several
threads); measured in ``docs/performance-history.md``."""


def env_rate(
    env: Mapping[str, str], name: str, default: tuple[int, int], may_be_off: bool = False
) -> tuple[int, int]:
    """A rate written ``<requests>/<seconds>``, e.g. ``30/60``. With ``may_be_off``, ``0``
    (or ``0/<seconds>``) turns the limit off: ``(0, <seconds>)``."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    if may_be_off and raw.partition("/")[0].strip() == "0":
        return (0, default[1])
    count, _, seconds = raw.partition("/")
    try:
        rate = (int(count), int(seconds))
    except ValueError:
        raise SettingsError(
            f"{name} must look like 30/60 (requests/seconds), got {raw!r}"
        ) from None
    if not (1 <= rate[0] <= 1_000_000 and 1 <= rate[1] <= 86400):
        raise SettingsError(f"{name} must be 1-1000000 requests per 1-86400 seconds, got {raw!r}")
    return rate


def env_networks(env: Mapping[str, str], name: str) -> tuple[Network, ...]:
    """Comma-separated addresses or networks (``10.0.0.0/8, ::1``)."""
    networks = []
    for item in (env.get(name) or "").split(","):
        if item.strip():
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise SettingsError(f"{name}: {item.strip()!r} is not an address") from None
    return tuple(networks)


@dataclass(frozen=True, slots=True)
class LimitSettings:
    login_rate: tuple[int, int] = (30, 60)
    refresh_rate: tuple[int, int] = (60, 60)
    signup_rate: tuple[int, int] = (10, 3600)
    login_max_failures: int = 5
    """Attempts one client may make on one account per window before it is blocked."""
    login_window_seconds: int = 900
    account_free_attempts: int = 20
    """Attempts on one account, from all clients, before each further one waits (backoff)."""
    account_backoff_cap_seconds: int = 60
    hash_concurrency: int = HASHES_AT_ONCE
    """Password hashes running at once in one process; more wait in line."""
    hash_queue: int = 32
    """Hashes that may wait in line; beyond that a request is refused at once with 503."""
    trusted_proxies: tuple[Network, ...] = field(default_factory=tuple)
    user_write_rate: tuple[int, int] = (600, 60)
    """Writes (POST/PUT/PATCH/DELETE under the API) one user may send per window; 0: off."""
    tenant_write_rate: tuple[int, int] = (3000, 60)
    """Writes all the users of one tenant together may send per window; 0: off."""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> LimitSettings:
        return cls(
            login_rate=env_rate(env, "RATE_LIMIT_LOGIN", (30, 60)),
            refresh_rate=env_rate(env, "RATE_LIMIT_REFRESH", (60, 60)),
            signup_rate=env_rate(env, "RATE_LIMIT_SIGNUP", (10, 3600)),
            login_max_failures=env_int(env, "LOGIN_MAX_FAILURES", 5, 1, 1000),
            login_window_seconds=env_int(env, "LOGIN_WINDOW_SECONDS", 900, 1, 86400),
            account_free_attempts=env_int(env, "LOGIN_ACCOUNT_FREE_ATTEMPTS", 20, 1, 10_000),
            account_backoff_cap_seconds=env_int(env, "LOGIN_BACKOFF_CAP_SECONDS", 60, 1, 3600),
            hash_concurrency=env_int(env, "HASH_CONCURRENCY", HASHES_AT_ONCE, 1, 64),
            hash_queue=env_int(env, "HASH_QUEUE", 32, 0, 10_000),
            trusted_proxies=env_networks(env, "TRUSTED_PROXIES"),
            user_write_rate=env_rate(env, "WRITE_RATE_LIMIT_PER_USER", (600, 60), True),
            tenant_write_rate=env_rate(env, "WRITE_RATE_LIMIT_PER_TENANT", (3000, 60), True),
        )
