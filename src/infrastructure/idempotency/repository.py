"""SQLAlchemy adapter of ``IdempotencyKeys``; every statement filters by the tenant."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.shared.clock import utc_now
from domain.shared.idempotency import (
    IdempotencyClaim,
    KeyInProgress,
    KeyReused,
    StoredResponse,
)
from domain.shared.ids import new_id
from infrastructure.idempotency.orm import IdempotencyKeyRow as K


class SqlaIdempotencyKeys:
    def __init__(self, session: AsyncSession, tenant_id: UUID | None) -> None:
        self._session = session
        self._tenant_id = tenant_id

    async def claim(self, claim: IdempotencyClaim) -> StoredResponse | None:
        await self._session.execute(
            delete(K).where(
                K.tenant_id == self._tenant_id,
                K.user_id == claim.user_id,
                K.key == claim.key,
                K.expires_at <= utc_now(),
            )
        )
        inserted = await self._session.scalar(
            insert(K)
            .values(
                tenant_id=self._tenant_id,
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
            await self._session.execute(
                select(K.fingerprint, K.response_status, K.response_body, K.response_headers).where(
                    K.tenant_id == self._tenant_id, K.user_id == claim.user_id, K.key == claim.key
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
        await self._session.execute(
            update(K)
            .where(K.tenant_id == self._tenant_id, K.user_id == user_id, K.key == key)
            .values(
                response_status=response.status,
                response_body=response.body,
                response_headers=[list(pair) for pair in response.headers],
                updated_at=utc_now(),
            )
        )

    async def release(self, user_id: UUID, key: str) -> None:
        await self._session.execute(
            delete(K).where(K.tenant_id == self._tenant_id, K.user_id == user_id, K.key == key)
        )

    async def purge_expired(self, now: datetime) -> int:
        result = await self._session.execute(
            delete(K).where(K.tenant_id == self._tenant_id, K.expires_at <= now)
        )
        return int(getattr(result, "rowcount", 0))
