"""Errors of the identity context (users, tenants, sessions)."""

from __future__ import annotations

from domain.shared.errors import (
    AuthenticationRequired,
    Conflict,
    NotFound,
    PermissionDenied,
    ServiceUnavailable,
    TooManyRequests,
)


class InvalidCredentials(AuthenticationRequired):
    """Unknown tenant, unknown user and wrong password all look exactly like this."""

    default_detail = "The tenant, e-mail or password is incorrect."


class InvalidToken(AuthenticationRequired):
    default_detail = "The token is invalid or has expired."


class SessionRevoked(InvalidToken):
    default_detail = "This session has ended; log in again."


class TenantDeleted(InvalidToken):
    """The token's tenant was deleted by the operator: the token names nobody any more."""

    default_detail = "The tenant of this token has been deleted."


class TenantSuspended(PermissionDenied):
    default_detail = "This tenant is suspended. Contact the operator of this service."


class TokenReused(InvalidToken):
    default_detail = "This refresh token was already used; its session has been revoked."


class TooManyAttempts(TooManyRequests):
    """Too many login attempts on this account (from this client, or in all); retry later."""

    default_detail = "Too many login attempts for this account. Try again later."


class PasswordCheckBusy(ServiceUnavailable):
    """Every password-hashing slot of this process is taken and the line is full."""

    default_detail = "The server is busy checking passwords. Try again in a moment."

    def __init__(self) -> None:
        super().__init__(retry_after_seconds=1)


class LastOwnerRequired(Conflict):
    default_detail = "A tenant must keep at least one owner."


class UserNotFound(NotFound):
    default_detail = "The user was not found."


class SessionNotFound(NotFound):
    default_detail = "The session was not found, or has already ended."


class EmailTaken(Conflict):
    default_detail = "A user with this e-mail already exists in this tenant."


class SlugTaken(Conflict):
    default_detail = "This tenant slug is already taken."


class SignupDisabled(NotFound):
    default_detail = "Signup is disabled on this deployment."
