"""Identity settings the use cases need, in application terms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class IdentityPolicy:
    refresh_token_ttl: timedelta = timedelta(days=14)
    session_lifetime: timedelta = timedelta(days=30)
    """A session's absolute end: refresh-token rotation never extends it."""
    signup_enabled: bool = True
    password_min_score: int = 3
    """zxcvbn score (0-4) a new password needs (setting ``PASSWORD_MIN_SCORE``)."""
