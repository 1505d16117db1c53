"""One log line per request, when it has been answered: request id (and the client's own,
when it sent one), tenant and user of a verified token, method, route template (never the
raw path), status and duration. No query string, header or body is logged."""

from __future__ import annotations

import logging
from typing import Any

import structlog
from litestar.types import Scope

from domain.identity.principal import Principal
from interface.http.answered import route_of
from interface.http.request_id import client_request_id_of, request_id_of

ACCESS_LOGGER = "tenantry.access"
logger = structlog.get_logger(ACCESS_LOGGER)
_level = logging.getLogger(ACCESS_LOGGER)


def log_request(scope: Scope, status: int, seconds: float) -> None:
    """An ``AnswerHook``: the request's one log line; nothing at all (no fields built, no
    processor run) when the level drops it (``LOG_LEVEL=WARNING``)."""
    if _level.isEnabledFor(logging.INFO):
        logger.info("request", **_fields(scope, status, seconds))


def _fields(scope: Scope, status: int, seconds: float) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "request_id": request_id_of(scope),
        "method": scope.get("method", ""),
        "route": route_of(scope),
        "status": status,
        "duration_ms": round(seconds * 1000, 2),
    }
    principal = scope.get("auth")
    if isinstance(principal, Principal):
        fields["tenant_id"] = str(principal.tenant_id)
        fields["user_id"] = str(principal.user_id)
    client_id = client_request_id_of(scope)
    if client_id is not None:
        fields["client_request_id"] = client_id
    return fields
