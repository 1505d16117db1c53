"""``Idempotency-Key`` on the wire: the first answer is stored and replayed verbatim.

Scoped by (tenant, user, key); the fingerprint is the method, path and canonical body. A
different body under the same key is a 422; a key whose first request still runs is a 409.
Every answer is stored except an unexpected failure, which frees the key for a retry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import msgspec
from litestar import Request, Response
from litestar.params import HeaderParameter

from application.idempotency.idempotent_requests import IdempotentRequests
from application.idempotency.ports import StoredResponse
from domain.shared.actor import Actor
from domain.shared.errors import AppError, FieldError, ValidationFailed
from interface.http.problems import MEDIA_TYPE as PROBLEM
from interface.http.problems import app_error_to_problem

IdempotencyKey = Annotated[
    str,
    HeaderParameter(
        name="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="Required. A unique key per logical request; retries reuse it.",
    ),
]
REPLAYED = "Idempotent-Replayed"
KEPT_HEADERS = ("etag", "retry-after", "location")
"""Headers of the first answer that a replay repeats."""


def _fingerprint(request: Request[Any, Any, Any], body: msgspec.Struct) -> str:
    digest = hashlib.sha256(f"{request.method} {request.url.path}\n".encode())
    digest.update(msgspec.json.encode(body))
    return digest.hexdigest()


async def idempotent(
    request: Request[Any, Any, Any],
    actor: Actor,
    key: str | None,
    body: msgspec.Struct,
    requests: IdempotentRequests,
    action: Callable[[], Awaitable[Response[Any]]],
) -> Response[Any]:
    if not key or not key.strip():
        raise ValidationFailed(
            "The Idempotency-Key header is required.",
            (FieldError("Idempotency-Key", "send a unique key, e.g. a UUID"),),
        )
    stored = await requests.claim(actor, key, _fingerprint(request, body))
    if stored is not None:
        media = PROBLEM if stored.status >= 400 else "application/json"
        headers = {**dict(stored.headers), REPLAYED: "true"}
        return Response(stored.body, status_code=stored.status, media_type=media, headers=headers)
    finished = False
    try:
        try:
            response = await action()
        except AppError as error:
            response = app_error_to_problem(request, error)
        content = msgspec.json.encode(response.content)
        kept = tuple((k, v) for k, v in response.headers.items() if k.lower() in KEPT_HEADERS)
        await requests.complete(
            actor, key, StoredResponse(response.status_code or 200, content, kept)
        )
        finished = True
        return response
    finally:
        if not finished:
            await requests.release(actor, key)
