"""SQLAlchemy adapter of ``IdempotencyKeys``; every statement filters by the tenant.

A row without a response is in progress, unless its ``recovery_point`` was bound and the
request is known to have ended without an answer: ``interrupted_at`` (an unexpected error),
or nothing written to the row for ``ABANDONED_AFTER`` (the process died between the commit
and the answer). Then a claim returns that point (``Recovered``). A claim is one statement
(``INSERT ... ON CONFLICT DO UPDATE ... WHERE``): it takes over an expired row, or its own
request's unanswered one, and otherwise leaves the row as it is and reads it. A row is
only ever committed with its request's effect or with its answer.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import msgspec

from application.idempotency.errors import KeyInProgress, KeyReused
from application.idempotency.ports import IdempotencyClaim, Recovered, Replay, StoredResponse
from domain.shared.clock import utc_now
from domain.shared.ids import new_id
from infrastructure.database.tenant_session import TenantSession
from infrastructure.idempotency.statements import ABANDON, CLAIM, COMPLETE, PURGE, REPLAY

ABANDONED_AFTER = timedelta(minutes=2)
"""How long a bound row may go without its answer before its request counts as dead: well
past the longest request (the gateway's timeout, the shutdown grace)."""


def _headers(response: StoredResponse) -> str:
    """The answer's kept headers as the JSON array of pairs the row stores."""
    return msgspec.json.encode([list(pair) for pair in response.headers]).decode()


class SqlaIdempotencyKeys:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def claim(self, claim: IdempotencyClaim) -> Replay | None:
        answer = claim.response
        params = self._row(claim.user_id, claim.key)
        params.update(
            id=new_id(),
            fingerprint=claim.fingerprint,
            expires_at=claim.expires_at,
            # A claim with its answer is a request that ended without its effect committed.
            recovery_point=claim.resource_id if answer is None else None,
            resource_id=claim.resource_id,
            status=None if answer is None else answer.status,
            body=None if answer is None else answer.body,
            headers=None if answer is None else _headers(answer),
            now=utc_now(),
        )
        claimed = (await self._db.session.execute(CLAIM, params)).first()
        return None if claimed is not None else await self._replay(claim)

    async def _replay(self, claim: IdempotencyClaim) -> Replay:
        existing = (
            await self._db.session.execute(REPLAY, self._row(claim.user_id, claim.key))
        ).one()
        if existing.fingerprint != claim.fingerprint:
            raise KeyReused()
        if existing.response_status is not None and existing.response_body is not None:
            headers = tuple((str(k), str(v)) for k, v in existing.response_headers or ())
            return StoredResponse(existing.response_status, existing.response_body, headers)
        ended = existing.interrupted_at is not None
        abandoned = existing.updated_at <= utc_now() - ABANDONED_AFTER
        if existing.recovery_point is not None and (ended or abandoned):
            return Recovered(existing.recovery_point)
        raise KeyInProgress()

    async def complete(self, user_id: UUID, key: str, response: StoredResponse) -> None:
        params = self._row(user_id, key)
        params.update(
            status=response.status, body=response.body, headers=_headers(response), now=utc_now()
        )
        await self._db.session.execute(COMPLETE, params)

    async def abandon(self, user_id: UUID, key: str, resource_id: UUID) -> None:
        params = self._row(user_id, key)
        params.update(resource_id=resource_id, now=utc_now())
        await self._db.session.execute(ABANDON, params)

    async def purge_expired(self, now: datetime) -> int:
        result = await self._db.session.execute(
            PURGE, {"tenant_id": self._db.tenant_id, "now": now}
        )
        return int(getattr(result, "rowcount", 0))

    def _row(self, user_id: UUID, key: str) -> dict[str, Any]:
        return {"tenant_id": self._db.tenant_id, "user_id": user_id, "key": key}
