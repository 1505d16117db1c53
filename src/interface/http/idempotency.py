"""``Idempotency-Key`` on the wire: the first answer is stored and replayed verbatim.

Scoped by (tenant, user, key); the fingerprint is the method, path and canonical body. A
different body under the same key is a 422; a key whose first request still runs is a 409.
Every answer is stored, problems included. An unexpected failure (a 500) stores nothing:
- before the request committed any effect, the key is freed and a retry runs afresh;
- after it (the use case bound the key to what it created, its recovery point, in the
  transaction of that effect), the key stays bound: a retry never runs again but answers
  ``recover(resource id)``, the created resource as it is now, with
  ``Idempotent-Replayed: true``. This is what Stripe does for requests that began executing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, Response
from litestar.params import HeaderParameter

from application.idempotency.idempotent_requests import IdempotentRequests
from application.idempotency.ports import Recovered, StoredResponse
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


Action = Callable[[], Awaitable[Response[Any]]]


async def idempotent(
    request: Request[Any, Any, Any],
    actor: Actor,
    key: str | None,
    body: msgspec.Struct,
    requests: IdempotentRequests,
    action: Action,
    recover: Callable[[UUID], Awaitable[Response[Any]]],
) -> Response[Any]:
    """Run ``action`` once per key; ``recover`` answers a retry of a request interrupted
    after its committed effect, from the id of what that effect created."""
    if not key or not key.strip():
        raise ValidationFailed(
            "The Idempotency-Key header is required.",
            (FieldError("Idempotency-Key", "send a unique key, e.g. a UUID"),),
        )
    replay = await requests.claim(actor, key, _fingerprint(request, body))
    if isinstance(replay, StoredResponse):
        media = PROBLEM if replay.status >= 400 else "application/json"
        headers = {**dict(replay.headers), REPLAYED: "true"}
        return Response(replay.body, status_code=replay.status, media_type=media, headers=headers)
    if isinstance(replay, Recovered):
        recovered = await _answer(request, lambda: recover(replay.resource_id))
        recovered.set_header(REPLAYED, "true")
        return recovered
    return await _first_use(request, requests, action)


async def _first_use(
    request: Request[Any, Any, Any], requests: IdempotentRequests, action: Action
) -> Response[Any]:
    finished = False
    try:
        response = await _answer(request, action)
        content = msgspec.json.encode(response.content)
        kept = tuple((k, v) for k, v in response.headers.items() if k.lower() in KEPT_HEADERS)
        await requests.complete(StoredResponse(response.status_code or 200, content, kept))
        finished = True
        return response
    finally:
        if not finished:  # unexpected: free the key, unless an effect was committed under it
            await requests.abandon()


async def _answer(request: Request[Any, Any, Any], action: Action) -> Response[Any]:
    """The action's response, or the problem of the ``AppError`` it raised."""
    try:
        return await action()
    except AppError as error:
        return app_error_to_problem(request, error)
