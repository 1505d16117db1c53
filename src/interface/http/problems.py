"""The one place where errors become HTTP responses: RFC 9457 ``application/problem+json``."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from application.idempotency.errors import KeyReused
from application.shared.rate_limits import RateLimitExceeded
from domain.shared.errors import (
    AppError,
    AuthenticationRequired,
    Conflict,
    NotFound,
    PaymentRequired,
    PermissionDenied,
    ServiceUnavailable,
    TooManyRequests,
    Unprocessable,
    ValidationFailed,
)
from domain.shared.versioning import PreconditionFailed, PreconditionRequired
from interface.http.etag import IF_MATCH
from interface.http.input_errors import (
    body_error,
    decoding_detail,
    field_errors,
    is_decoding_error,
    is_input_error,
    missing_parameter,
)
from interface.http.rate_limits import rate_limit_headers
from interface.http.request_id import request_id_of

MEDIA_TYPE = "application/problem+json"
logger = logging.getLogger("tenantry.http")

# AppError class -> (HTTP status, problem slug, title). Subclasses inherit their parent's row,
# so a context's errors (``OrderNotFound``, ``TooManyAttempts``, ...) need no row of their own.
STATUS_TABLE: dict[type[AppError], tuple[int, str, str]] = {
    Unprocessable: (422, "unprocessable", "Unprocessable request"),
    ValidationFailed: (400, "validation-failed", "Invalid request"),
    AuthenticationRequired: (401, "authentication-required", "Authentication required"),
    PermissionDenied: (403, "permission-denied", "Permission denied"),
    NotFound: (404, "not-found", "Not found"),
    Conflict: (409, "conflict", "Conflict"),
    TooManyRequests: (429, "too-many-requests", "Too many requests"),
    PaymentRequired: (402, "payment-declined", "Payment declined"),
    PreconditionFailed: (412, "precondition-failed", "Precondition failed"),
    PreconditionRequired: (428, "precondition-required", "Precondition required"),
    KeyReused: (422, "idempotency-key-reused", "Idempotency key reused"),
    ServiceUnavailable: (503, "service-unavailable", "Service unavailable"),
    AppError: (400, "bad-request", "Bad request"),
}
_SLUG_BY_STATUS = {
    400: "bad-request",
    401: "authentication-required",
    403: "permission-denied",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "payload-too-large",
    422: "unprocessable",
    415: "unsupported-media-type",
    429: "too-many-requests",
    500: "internal-error",
    503: "service-unavailable",
}


def problem_type(slug: str) -> str:
    return f"urn:tenantry:problem:{slug}"


def _row_for(error: AppError) -> tuple[int, str, str]:
    for cls in type(error).__mro__:
        if cls in STATUS_TABLE:
            return STATUS_TABLE[cls]
    raise LookupError(type(error))  # unreachable: AppError is in the table


def problem(
    request: Request[Any, Any, Any],
    status: int,
    slug: str,
    title: str,
    detail: str,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[dict[str, Any]]:
    body: dict[str, Any] = {
        "type": problem_type(slug),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "request_id": request_id_of(request.scope),
    }
    body.update(extra or {})
    return Response(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def app_error_to_problem(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    assert isinstance(exc, AppError)
    status, slug, title = _row_for(exc)
    extra: dict[str, Any] = dict(exc.extensions())
    headers: dict[str, str] = {}
    if isinstance(exc, ValidationFailed) and exc.errors:
        extra["errors"] = [{"field": e.field, "message": e.message} for e in exc.errors]
    if isinstance(exc, (ServiceUnavailable, TooManyRequests)):
        headers["Retry-After"] = str(exc.retry_after_seconds)
    if isinstance(exc, RateLimitExceeded):
        headers.update(rate_limit_headers(*exc.states))
    if isinstance(exc, AuthenticationRequired):
        headers["WWW-Authenticate"] = "Bearer"
    return problem(request, status, slug, title, exc.detail, extra, headers)


def http_error_to_problem(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    if status >= 500:
        return unexpected_error_to_problem(request, exc)
    if missing_parameter(request, exc) == IF_MATCH:
        return app_error_to_problem(request, PreconditionRequired())
    errors = field_errors(request, exc)
    if is_input_error(exc):
        detail = decoding_detail(errors) if is_decoding_error(exc) else exc.detail
        extra = {"errors": errors}
        return problem(request, 400, "validation-failed", "Invalid request", detail, extra)
    slug = _SLUG_BY_STATUS.get(status, "http-error")
    title = slug.replace("-", " ").capitalize()
    extra = {"errors": errors} if errors else {}
    return problem(request, status, slug, title, exc.detail, extra, exc.headers)


_DECODERS = frozenset({"decode_json", "decode_msgpack"})


def _raised_while_decoding(exc: BaseException) -> bool:
    traceback = exc.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_name in _DECODERS:
            return True
        traceback = traceback.tb_next
    return False


def unexpected_error_to_problem(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    if isinstance(exc, (UnicodeDecodeError, RecursionError)) and _raised_while_decoding(exc):
        detail = "The request body is not valid UTF-8 JSON, or is nested too deeply."
        extra = {"errors": body_error()}
        return problem(request, 400, "validation-failed", "Invalid request", detail, extra)
    request_id = request_id_of(request.scope)
    logger.error("unhandled error in request %s", request_id, exc_info=exc)
    return problem(
        request,
        HTTP_500_INTERNAL_SERVER_ERROR,
        "internal-error",
        "Internal server error",
        f"An unexpected error occurred. Quote request id {request_id} when reporting it.",
    )


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    AppError: app_error_to_problem,
    HTTPException: http_error_to_problem,
    Exception: unexpected_error_to_problem,
}
