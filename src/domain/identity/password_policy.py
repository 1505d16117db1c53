"""The minimum strength a password must have (length first, as NIST SP 800-63B advises)."""

from __future__ import annotations

from domain.shared.errors import FieldError, ValidationFailed

MIN_LENGTH = 10
MAX_LENGTH = 128
_COMMON = frozenset(
    {
        "password12",
        "password123",
        "1234567890",
        "0123456789",
        "qwertyuiop",
        "iloveyou12",
        "letmein123",
        "welcome123",
        "changeme12",
        "administrator",
    }
)


def check_password(password: str, email: str) -> None:
    """Raise ``ValidationFailed`` naming the ``password`` field when it is too weak."""
    problem = _problem(password, email)
    if problem is not None:
        raise ValidationFailed("The password is too weak.", (FieldError("password", problem),))


def _problem(password: str, email: str) -> str | None:
    if len(password) < MIN_LENGTH:
        return f"use at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"use at most {MAX_LENGTH} characters"
    if len(set(password)) < 4:
        return "use more than three different characters"
    lowered = password.lower()
    if lowered in _COMMON:
        return "this password is too common"
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 4 and local_part in lowered:
        return "do not include your e-mail address"
    return None
