"""E-mail addresses, compared case-insensitively: stored trimmed and lower-case."""

from __future__ import annotations

import re

from domain.shared.errors import FieldError, ValidationFailed

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,63}$")


def normalize_email(raw: str, field: str = "email") -> str:
    """Return the canonical (trimmed, lower-case) form of an e-mail address or raise."""
    email = raw.strip().lower()
    if not _EMAIL.fullmatch(email):
        raise ValidationFailed(
            "The e-mail address is invalid.", (FieldError(field, "not an e-mail address"),)
        )
    return email
