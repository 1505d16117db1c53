"""An order's stored document cannot fall behind its row: as the app's runtime role, with two
tenants, a write that changes the status or the version without the document is refused by
the check of migration 0023, while the repository's own transition (``SAVE``) passes and
leaves the document showing the order as it now is."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity.tenant import Tenant
from domain.ordering.order import Order
from infrastructure.ordering.documents import document_of, view_of_document
from tests.scopes import in_tenant, placed_order

Sessions = async_sessionmaker[AsyncSession]
CHECK_VIOLATION = "23514"


async def _stored(sessions: Sessions, tenant: Tenant, order: Order) -> str:
    async with in_tenant(sessions, tenant) as db:
        found = await db.session.scalar(
            text("SELECT view::text FROM orders WHERE tenant_id = :t AND id = :o"),
            {"t": tenant.id, "o": order.id},
        )
    assert isinstance(found, str)
    return found


@pytest.mark.parametrize(
    "change",
    ["status = 'cancelled'", "version = version + 1", "status = 'paid', version = 2"],
)
async def test_a_write_that_leaves_the_document_behind_is_refused(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant, change: str
) -> None:
    order, theirs = await placed_order(sessions, tenant_a), await placed_order(sessions, tenant_b)
    async with in_tenant(sessions, tenant_a) as db:
        with pytest.raises(IntegrityError) as refused:
            await db.session.execute(
                text(f"UPDATE orders SET {change} WHERE tenant_id = :t AND id = :o"),
                {"t": tenant_a.id, "o": order.id},
            )
    assert getattr(refused.value.orig, "sqlstate", None) == CHECK_VIOLATION
    assert "ck_orders_view_current" in str(refused.value)
    for tenant, placed in ((tenant_a, order), (tenant_b, theirs)):
        shown = view_of_document(await _stored(sessions, tenant, placed))
        assert (shown.status, shown.version) == ("pending_payment", 1)


async def test_the_repositorys_transition_writes_the_document_of_the_order_as_it_now_is(
    sessions: Sessions, tenant_a: Tenant, tenant_b: Tenant
) -> None:
    order, theirs = await placed_order(sessions, tenant_a), await placed_order(sessions, tenant_b)
    status, version = order.status, order.version
    order.mark_paid("ch_1")
    async with in_tenant(sessions, tenant_a) as db:
        assert await db.orders.save(order, status, version)
        await db.commit()

    stored = await _stored(sessions, tenant_a, order)
    assert stored == document_of(order)
    shown = view_of_document(stored)
    assert (shown.status, shown.version, shown.payment.reference) == ("paid", 2, "ch_1")
    assert shown.updated_at == order.updated_at and shown.total_minor == 500
    assert await _stored(sessions, tenant_b, theirs) == document_of(theirs)
