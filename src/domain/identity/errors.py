"""Errors of the identity context."""

from __future__ import annotations

from domain.shared.errors import AppError, AuthenticationRequired, Conflict


class InvalidCredentials(AuthenticationRequired):
    """Unknown tenant, unknown user and wrong password all look exactly like this."""

    default_detail = "The tenant, e-mail or password is incorrect."


class InvalidToken(AuthenticationRequired):
    default_detail = "The token is invalid or has expired."


class TooManyAttempts(AppError):
    """Too many failed logins for this tenant and e-mail; retry later."""

    default_detail = "Too many failed login attempts. Try again later."

    def __init__(self, detail: str | None = None, retry_after_seconds: int = 60) -> None:
        super().__init__(detail, retry_after_seconds)
        self.retry_after_seconds = retry_after_seconds


class LastOwnerRequired(Conflict):
    default_detail = "A tenant must keep at least one owner."
