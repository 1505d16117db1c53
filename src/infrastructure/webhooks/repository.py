"""SQLAlchemy adapters of ``WebhookRepository`` and ``WebhookDeliveryLog``; every statement
filters by the tenant."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Row, Table, bindparam, delete, literal, select, update

from domain.shared.pagination import Page, PageRequest
from domain.webhooks.ports import DeliveryAttempt
from domain.webhooks.webhook import Webhook
from infrastructure.database.tenant_session import TenantSession
from infrastructure.persistence.listing import bounded_count
from infrastructure.webhooks.orm import WebhookDeliveryRow, WebhookRow

_STATE = (
    "url", "event_types", "active", "secret", "previous_secret", "previous_secret_expires_at",
    "consecutive_failures", "disabled_reason", "updated_at",
)  # fmt: skip


_TABLE = cast(Table, WebhookRow.__table__)
_SUBSCRIBED = select(*_TABLE.c).where(
    _TABLE.c.tenant_id == bindparam("tenant_id"),
    _TABLE.c.active.is_(True),
    _TABLE.c.event_types.contains(bindparam("event_types", type_=_TABLE.c.event_types.type)),
)
"""The fan-out's read, once per external event: a Core statement built once."""


def _entity(row: WebhookRow | Row[Any]) -> Webhook:
    return Webhook(
        row.id, row.tenant_id, row.url, list(row.event_types), row.active, row.secret,
        row.previous_secret, row.previous_secret_expires_at, row.consecutive_failures,
        row.disabled_reason, row.created_at, row.updated_at,
    )  # fmt: skip


class SqlaWebhookRepository:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def add(self, webhook: Webhook) -> None:
        state = {name: getattr(webhook, name) for name in _STATE}
        self._db.session.add(
            WebhookRow(
                tenant_id=webhook.tenant_id, id=webhook.id, created_at=webhook.created_at, **state
            )
        )
        await self._db.session.flush()
        self._db.track(webhook)

    async def get(self, webhook_id: UUID) -> Webhook | None:
        row = await self._db.session.scalar(
            select(WebhookRow).where(
                WebhookRow.tenant_id == self._db.tenant_id, WebhookRow.id == webhook_id
            )
        )
        return None if row is None else _entity(row)

    async def list(self, page: PageRequest) -> Page[Webhook]:
        mine = WebhookRow.tenant_id == self._db.tenant_id
        total = await self._db.session.scalar(
            bounded_count(select(literal(1)).select_from(WebhookRow).where(mine))
        )
        rows = await self._db.session.scalars(
            select(WebhookRow)
            .where(mine)
            .order_by(WebhookRow.created_at, WebhookRow.id)
            .limit(page.limit + 1)
            .offset(page.offset)
        )
        return Page.window([_entity(row) for row in rows], total or 0, page)

    async def subscribed_to(self, event_type: str) -> Sequence[Webhook]:
        params = {"tenant_id": self._db.tenant_id, "event_types": [event_type]}
        rows = await self._db.session.execute(_SUBSCRIBED, params)
        return [_entity(row) for row in rows]

    async def save(self, webhook: Webhook) -> None:
        await self._db.session.execute(
            update(WebhookRow)
            .where(WebhookRow.tenant_id == self._db.tenant_id, WebhookRow.id == webhook.id)
            .values({name: getattr(webhook, name) for name in _STATE})
            .execution_options(synchronize_session=False)
        )
        self._db.track(webhook)

    async def delete(self, webhook_id: UUID) -> bool:
        result = await self._db.session.execute(
            delete(WebhookRow)
            .where(WebhookRow.tenant_id == self._db.tenant_id, WebhookRow.id == webhook_id)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))


class SqlaWebhookDeliveryLog:
    def __init__(self, db: TenantSession) -> None:
        self._db = db

    async def add(self, tenant_id: UUID, attempt: DeliveryAttempt) -> None:
        a = attempt
        self._db.session.add(
            WebhookDeliveryRow(
                tenant_id=tenant_id, id=a.id, webhook_id=a.webhook_id, event_id=a.event_id,
                event_type=a.event_type, attempt=a.attempt, status_code=a.status_code,
                duration_ms=a.duration_ms, error=a.error, created_at=a.created_at,
                updated_at=a.created_at,
            )
        )  # fmt: skip
        await self._db.session.flush()

    async def list(self, webhook_id: UUID, page: PageRequest) -> Page[DeliveryAttempt]:
        where = (
            WebhookDeliveryRow.tenant_id == self._db.tenant_id,
            WebhookDeliveryRow.webhook_id == webhook_id,
        )
        total = await self._db.session.scalar(
            bounded_count(select(literal(1)).select_from(WebhookDeliveryRow).where(*where))
        )
        rows = await self._db.session.scalars(
            select(WebhookDeliveryRow)
            .where(*where)
            .order_by(WebhookDeliveryRow.created_at.desc(), WebhookDeliveryRow.id.desc())
            .limit(page.limit + 1)
            .offset(page.offset)
        )
        items = [
            DeliveryAttempt(
                r.id, r.webhook_id, r.event_id, r.event_type, r.attempt, r.status_code,
                r.duration_ms, r.error, r.created_at,
            )
            for r in rows
        ]  # fmt: skip
        return Page.window(items, total or 0, page)
