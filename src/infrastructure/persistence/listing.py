"""Paging and ordering of list queries: one query for the page, one for the count."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.shared.listing import ListQuery

RowT = TypeVar("RowT")


async def fetch_page(
    session: AsyncSession,
    model: type[RowT],
    where: Sequence[ColumnElement[bool]],
    query: ListQuery,
) -> tuple[list[RowT], int]:
    """Rows of ``model`` matching ``where`` for the requested page, and the total count."""
    column: Any = getattr(model, query.ordering.field)
    tiebreak: Any = model.id  # type: ignore[attr-defined]
    ordered = (column.desc(), tiebreak.desc()) if query.ordering.descending else (column, tiebreak)
    page: Select[RowT] = (
        select(model)
        .where(*where)
        .order_by(*ordered)
        .limit(query.page.limit)
        .offset(query.page.offset)
    )
    rows = list((await session.scalars(page)).all())
    total = await session.scalar(select(func.count()).select_from(model).where(*where))
    return rows, int(total or 0)
