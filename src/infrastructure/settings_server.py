"""Settings of the HTTP server ``tenantry serve`` runs (README, "Run in production")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from infrastructure.env_values import env_int


@dataclass(frozen=True, slots=True)
class ServerSettings:
    workers: int = 1
    """``WORKERS`` (or ``serve --workers``): API processes sharing the port."""
    header_timeout_seconds: int = 10
    """``HEADER_TIMEOUT_SECONDS``: a connection that has not sent a whole request head this
    long after it opened (or after that request began) is closed."""
    max_header_bytes: int = 65536
    """``MAX_HEADER_BYTES``: a request head larger than this gets a 431 and is closed."""
    max_body_bytes: int = 1_048_576
    """``MAX_BODY_BYTES``: a request body larger than this gets a 413; one whose
    ``Content-Length`` says so is refused before a byte of it is read."""
    body_timeout_seconds: int = 30
    """``BODY_TIMEOUT_SECONDS``: a request body that sends nothing for this long is cut."""
    keep_alive_seconds: int = 5
    """``KEEP_ALIVE_SECONDS``: an idle keep-alive connection is closed after this."""
    max_connections: int = 1000
    """``MAX_CONNECTIONS``: open connections per worker; a request beyond them gets 503."""
    shutdown_timeout_seconds: int = 30
    """``SHUTDOWN_TIMEOUT_SECONDS``: on SIGTERM or Ctrl-C, how long in-flight requests may
    take to finish before their connections are closed."""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ServerSettings:
        return cls(
            workers=env_int(env, "WORKERS", 1, 1, 64),
            header_timeout_seconds=env_int(env, "HEADER_TIMEOUT_SECONDS", 10, 1, 300),
            max_header_bytes=env_int(env, "MAX_HEADER_BYTES", 65536, 4096, 1_048_576),
            max_body_bytes=env_int(env, "MAX_BODY_BYTES", 1_048_576, 1024, 1_073_741_824),
            body_timeout_seconds=env_int(env, "BODY_TIMEOUT_SECONDS", 30, 1, 3600),
            keep_alive_seconds=env_int(env, "KEEP_ALIVE_SECONDS", 5, 1, 300),
            max_connections=env_int(env, "MAX_CONNECTIONS", 1000, 1, 100_000),
            shutdown_timeout_seconds=env_int(env, "SHUTDOWN_TIMEOUT_SECONDS", 30, 1, 600),
        )
