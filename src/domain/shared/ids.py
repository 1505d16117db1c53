"""Identifier generation: UUID version 7 (time-ordered, index-friendly)."""

from uuid import UUID

from uuid_utils.compat import uuid7


def new_id() -> UUID:
    """Return a new time-ordered UUIDv7 as a standard-library ``UUID``."""
    return uuid7()
