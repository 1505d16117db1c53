"""Optimistic concurrency: every mutable resource has a version that each change bumps."""

from __future__ import annotations

from domain.shared.errors import AppError


class PreconditionRequired(AppError):
    default_detail = "Send If-Match with the resource's current ETag to change it."


class PreconditionFailed(AppError):
    default_detail = "The resource has changed since you read it; fetch it again."


ANY_VERSION = -1
"""What ``If-Match: *`` expects: whatever version is current (RFC 9110). The client says so
explicitly; the change still applies to the version read, atomically."""


def check_version(expected: int | None, actual: int) -> None:
    """Raise unless the client's expected version is present and current (or any)."""
    if expected is None:
        raise PreconditionRequired()
    if expected != ANY_VERSION and expected != actual:
        raise PreconditionFailed()
