"""The project's exception hierarchy.

Every error that a use case can raise is an ``AppError`` subclass. The domain and the
application raise them; infrastructure translates driver errors into them; the interface
maps each class to an HTTP problem in one table. Nothing here knows about HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldError:
    """One invalid input field: where it is and what is wrong with it."""

    field: str
    message: str


class AppError(Exception):
    """Base of every error the application raises on purpose."""

    default_detail = "The request could not be processed."
    transient = False
    """The failure is the moment's, not the request's (the database busy or unreachable, a
    deadlock): the same request may succeed when repeated, so it is never stored as the
    answer of an ``Idempotency-Key``."""

    def __init__(self, detail: str | None = None, *args: object) -> None:
        super().__init__(detail, *args)
        self.detail = detail or self.default_detail

    def __str__(self) -> str:
        return self.detail

    def extensions(self) -> dict[str, str]:
        """Extra members for the problem document (e.g. the id of an order created anyway)."""
        return {}


class NotFound(AppError):
    """The resource does not exist, or belongs to another tenant (indistinguishable)."""

    default_detail = "The resource was not found."


class AuthenticationRequired(AppError):
    """No valid credentials were presented."""

    default_detail = "Valid credentials are required."


class PermissionDenied(AppError):
    """The caller is known but may not do this."""

    default_detail = "You are not allowed to do this."


class Conflict(AppError):
    """The request conflicts with the current state (duplicate, invalid transition)."""

    default_detail = "The request conflicts with the current state of the resource."


class ValidationFailed(AppError):
    """The input is malformed or out of range; ``errors`` names each bad field."""

    default_detail = "The input is invalid."

    def __init__(self, detail: str | None = None, errors: tuple[FieldError, ...] = ()) -> None:
        super().__init__(detail, errors)
        self.errors = errors


class Unprocessable(ValidationFailed):
    """Well-formed input (it matches the documented schema) that a rule refuses: it refers
    to something that does not exist or does not fit (another tenant's id looks exactly like
    a missing one), or breaks a rule no schema states (a weak password, a reserved slug, an
    address that is not a mailbox)."""

    default_detail = "The request refers to something that does not exist or does not fit."


class PaymentRequired(AppError):
    """A payment was refused; the caller may pay with other means."""

    default_detail = "The payment was refused."


class TooManyRequests(AppError):
    """Too many attempts in a window; the client may retry after ``retry_after_seconds``."""

    default_detail = "Too many requests. Try again later."

    def __init__(self, detail: str | None = None, retry_after_seconds: int = 60) -> None:
        super().__init__(detail, retry_after_seconds)
        self.retry_after_seconds = retry_after_seconds


class ServiceUnavailable(AppError):
    """A dependency (database, gateway) cannot serve right now; the client may retry."""

    default_detail = "The service is temporarily unavailable."

    def __init__(self, detail: str | None = None, retry_after_seconds: int = 5) -> None:
        super().__init__(detail, retry_after_seconds)
        self.retry_after_seconds = retry_after_seconds
