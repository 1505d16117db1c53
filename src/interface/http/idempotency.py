"""``Idempotency-Key`` on the wire: the first answer is stored and replayed verbatim.

Scoped by (tenant, user, key); the fingerprint is the method, path and canonical body. A
different body under the same key is a 422; a key whose first request still runs is a 409.
Every answer is stored, problems included, and the answer sent is the one stored, byte for
byte. The use case claims the key in the transaction of its effect and stores the answer
with its last state (``RequestKey``), so a paid order costs no transaction of the key's
own. An unexpected failure (a 500) stores nothing:
- before the request committed any effect, there is no claim and a retry runs afresh;
- after it (the claim names what the effect created, its recovery point), the key stays
  bound: a retry never runs again but answers ``recover(resource id)``, the created
  resource as it is now, with ``Idempotent-Replayed: true``. This is what Stripe does for
  requests that began executing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar, cast
from uuid import UUID

import msgspec
from litestar import Request, Response
from litestar.params import HeaderParameter

from application.idempotency.errors import Replayed
from application.idempotency.idempotent_requests import IdempotentRequests
from application.idempotency.ports import Replay, StoredResponse
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


T = TypeVar("T")


async def idempotent(
    request: Request[Any, Any, Any],
    actor: Actor,
    key: str | None,
    body: msgspec.Struct,
    requests: IdempotentRequests,
    action: Callable[[], Awaitable[T]],
    answer: Callable[[T], Response[Any]],
    recover: Callable[[UUID], Awaitable[Response[Any]]],
) -> Response[Any]:
    """Run ``action`` once per key and send ``answer`` of its outcome; ``recover``
    answers a retry of a request interrupted after its committed effect, from the id of
    what that effect created."""
    requests.expect(actor, _required(key), _fingerprint(request, body), _renderer(request, answer))
    outcome: object
    try:
        outcome = await action()
    except Replayed as replayed:
        return await _replay(request, replayed.replay, recover)
    except AppError as error:
        outcome = error
    except BaseException:
        await requests.abandon()
        raise
    try:
        return _sent(await requests.settle(outcome))
    except Replayed as replayed:  # the key was used meanwhile
        return await _replay(request, replayed.replay, recover)
    except AppError as error:  # the key refused this request while storing its answer
        return app_error_to_problem(request, error)


def _required(key: str | None) -> str:
    if not key or not key.strip():
        raise ValidationFailed(
            "The Idempotency-Key header is required.",
            (FieldError("Idempotency-Key", "send a unique key, e.g. a UUID"),),
        )
    return key


def _renderer(
    request: Request[Any, Any, Any], answer: Callable[[T], Response[Any]]
) -> Callable[[object], StoredResponse]:
    """The answer to an outcome as it is stored: the resource's, or the error's problem."""

    def render(outcome: object) -> StoredResponse:
        if isinstance(outcome, AppError):
            return _stored(app_error_to_problem(request, outcome))
        return _stored(answer(cast(T, outcome)))

    return render


def _stored(response: Response[Any]) -> StoredResponse:
    content = msgspec.json.encode(response.content)
    kept = tuple((k, v) for k, v in response.headers.items() if k.lower() in KEPT_HEADERS)
    return StoredResponse(response.status_code or 200, content, kept)


def _sent(stored: StoredResponse, replayed: bool = False) -> Response[Any]:
    media = PROBLEM if stored.status >= 400 else "application/json"
    headers = {**dict(stored.headers), **({REPLAYED: "true"} if replayed else {})}
    return Response(stored.body, status_code=stored.status, media_type=media, headers=headers)


async def _replay(
    request: Request[Any, Any, Any],
    replay: Replay,
    recover: Callable[[UUID], Awaitable[Response[Any]]],
) -> Response[Any]:
    if isinstance(replay, StoredResponse):
        return _sent(replay, replayed=True)
    recovered = await _answer(request, lambda: recover(replay.resource_id))
    recovered.set_header(REPLAYED, "true")
    return recovered


async def _answer(
    request: Request[Any, Any, Any], action: Callable[[], Awaitable[Response[Any]]]
) -> Response[Any]:
    """The action's response, or the problem of the ``AppError`` it raised."""
    try:
        return await action()
    except AppError as error:
        return app_error_to_problem(request, error)
