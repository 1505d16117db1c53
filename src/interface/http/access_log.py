"""One log line per request, when it has been answered: request id (and the client's own,
when it sent one), tenant and user of a verified token, method, route template (never the
raw path), status and duration. No query string, header or body is logged."""

from __future__ import annotations

import time
from typing import Any

import structlog
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from domain.identity.principal import Principal
from interface.http.request_id import client_request_id_of, request_id_of

logger = structlog.get_logger("tenantry.access")


def with_access_log(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await app(scope, receive, send_and_note)
        finally:
            logger.info("request", **_fields(scope, status, time.perf_counter() - started))

    return middleware


def _fields(scope: Scope, status: int, seconds: float) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "request_id": request_id_of(scope),
        "method": scope.get("method", ""),
        "route": str(scope.get("path_template") or "unmatched"),
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
