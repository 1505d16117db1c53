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
from uuid import UUID

from sqlalchemy import ColumnElement, and_, case, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert

from application.idempotency.errors import KeyInProgress, KeyReused
from application.idempotency.ports import IdempotencyClaim, Recovered, Replay, StoredResponse
from domain.shared.clock import utc_now
from domain.shared.ids import new_id
from infrastructure.database.tenant_session import TenantSession
from infrastructure.idempotency.orm import IdempotencyKeyRow as K

ABANDONED_AFTER = timedelta(minutes=2)
"""How long a bound row may go without its answer before its request counts as dead: well
past the longest request (the gateway's timeout, the shutdown grace)."""


class SqlaIdempotencyKeys:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def claim(self, claim: IdempotencyClaim) -> Replay | None:
        now = utc_now()
        answer = claim.response
        fresh = {
            "fingerprint": claim.fingerprint,
            "expires_at": claim.expires_at,
            # A claim with its answer is a request that ended without its effect committed.
            "recovery_point": claim.resource_id if answer is None else None,
            "response_status": None if answer is None else answer.status,
            "response_body": None if answer is None else answer.body,
            "response_headers": None if answer is None else [list(p) for p in answer.headers],
        }
        statement = insert(K).values(
            tenant_id=self._db.tenant_id, id=new_id(), user_id=claim.user_id, key=claim.key, **fresh
        )
        taken_over = K.expires_at <= now
        if claim.resource_id is not None:  # this request's own claim, still unanswered
            taken_over = or_(
                taken_over,
                and_(K.recovery_point == claim.resource_id, K.response_status.is_(None)),
            )
        kept = {}
        if answer is not None:  # answering its own claim keeps its recovery point
            ours = K.recovery_point == claim.resource_id
            kept = {"recovery_point": case((ours, K.recovery_point), else_=None)}
        claimed = await self._db.session.scalar(
            statement.on_conflict_do_update(
                index_elements=["tenant_id", "user_id", "key"],
                set_={**fresh, **kept, "interrupted_at": None, "updated_at": now},
                where=taken_over,
            ).returning(K.id)
        )
        return None if claimed is not None else await self._replay(claim)

    async def _replay(self, claim: IdempotencyClaim) -> Replay:
        existing = (
            await self._db.session.execute(
                select(
                    K.fingerprint,
                    K.response_status,
                    K.response_body,
                    K.response_headers,
                    K.recovery_point,
                    K.interrupted_at,
                    K.updated_at,
                ).where(self._row(claim.user_id, claim.key))
            )
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
        await self._db.session.execute(
            update(K)
            .where(self._row(user_id, key))
            .values(
                response_status=response.status,
                response_body=response.body,
                response_headers=[list(pair) for pair in response.headers],
                updated_at=utc_now(),
            )
        )

    async def abandon(self, user_id: UUID, key: str, resource_id: UUID) -> None:
        await self._db.session.execute(
            update(K)
            .where(
                self._row(user_id, key),
                K.recovery_point == resource_id,
                K.response_status.is_(None),
            )
            .values(interrupted_at=utc_now(), updated_at=utc_now())
        )

    async def purge_expired(self, now: datetime) -> int:
        result = await self._db.session.execute(
            delete(K).where(K.tenant_id == self._db.tenant_id, K.expires_at <= now)
        )
        return int(getattr(result, "rowcount", 0))

    def _row(self, user_id: UUID, key: str) -> ColumnElement[bool]:
        return and_(K.tenant_id == self._db.tenant_id, K.user_id == user_id, K.key == key)
