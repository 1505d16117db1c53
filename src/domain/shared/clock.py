"""The current time, always timezone-aware UTC."""

from datetime import UTC, datetime


def utc_now() -> datetime:
    """Return the current instant in UTC."""
    return datetime.now(UTC)
