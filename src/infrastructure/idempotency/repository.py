"""SQLAlchemy adapter of ``IdempotencyKeys``; every statement filters by the tenant."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert

from application.idempotency.errors import KeyInProgress, KeyReused
from application.idempotency.ports import IdempotencyClaim, StoredResponse
from domain.shared.clock import utc_now
from domain.shared.ids import new_id
from infrastructure.database.tenant_session import TenantSession
from infrastructure.idempotency.orm import IdempotencyKeyRow as K


class SqlaIdempotencyKeys:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def claim(self, claim: IdempotencyClaim) -> StoredResponse | None:
        await self._db.session.execute(
            delete(K).where(
                K.tenant_id == self._db.tenant_id,
                K.user_id == claim.user_id,
                K.key == claim.key,
                K.expires_at <= utc_now(),
            )
        )
        inserted = await self._db.session.scalar(
            insert(K)
            .values(
                tenant_id=self._db.tenant_id,
                id=new_id(),
                user_id=claim.user_id,
                key=claim.key,
                fingerprint=claim.fingerprint,
                expires_at=claim.expires_at,
            )
            .on_conflict_do_nothing(index_elements=["tenant_id", "user_id", "key"])
            .returning(K.id)
        )
        if inserted is not None:
            return None
        existing = (
            await self._db.session.execute(
                select(K.fingerprint, K.response_status, K.response_body, K.response_headers).where(
                    K.tenant_id == self._db.tenant_id,
                    K.user_id == claim.user_id,
                    K.key == claim.key,
                )
            )
        ).one()
        if existing.fingerprint != claim.fingerprint:
            raise KeyReused()
        if existing.response_status is None or existing.response_body is None:
            raise KeyInProgress()
        headers = tuple((str(k), str(v)) for k, v in existing.response_headers or ())
        return StoredResponse(existing.response_status, existing.response_body, headers)

    async def complete(self, user_id: UUID, key: str, response: StoredResponse) -> None:
        await self._db.session.execute(
            update(K)
            .where(K.tenant_id == self._db.tenant_id, K.user_id == user_id, K.key == key)
            .values(
                response_status=response.status,
                response_body=response.body,
                response_headers=[list(pair) for pair in response.headers],
                updated_at=utc_now(),
            )
        )

    async def release(self, user_id: UUID, key: str) -> None:
        await self._db.session.execute(
            delete(K).where(K.tenant_id == self._db.tenant_id, K.user_id == user_id, K.key == key)
        )

    async def purge_expired(self, now: datetime) -> int:
        result = await self._db.session.execute(
            delete(K).where(K.tenant_id == self._db.tenant_id, K.expires_at <= now)
        )
        return int(getattr(result, "rowcount", 0))
