"""Paging and ordering of every list query: advanced-alchemy's filters on one statement.

Each repository hands over its select (ORM rows, or the columns of a read model), its
tenant-filtered conditions and the client's ``ListQuery``; this module orders it (the
field, then ``id`` as tiebreak, both in the requested direction), pages it with
``LIMIT``/``OFFSET``, and counts the matching rows in a second statement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from advanced_alchemy.filters import LimitOffset, OrderBy, StatementFilter
from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.shared.listing import ListQuery


def page_filters(query: ListQuery) -> tuple[StatementFilter, ...]:
    """The client's ordering (with ``id`` as tiebreak) and page, as statement filters."""
    direction: Literal["asc", "desc"] = "desc" if query.ordering.descending else "asc"
    return (
        OrderBy(field_name=query.ordering.field, sort_order=direction),
        OrderBy(field_name="id", sort_order=direction),
        LimitOffset(limit=query.page.limit, offset=query.page.offset),
    )


async def fetch_page(
    session: AsyncSession,
    statement: Select[Any],
    model: type[Any],
    where: Sequence[ColumnElement[bool]],
    query: ListQuery,
    params: Mapping[str, Any] | None = None,
) -> tuple[Sequence[Row[Any]], int]:
    """The rows of ``statement`` (which selects from ``model``'s table) matching ``where``
    for the requested page, and the total number of matching rows. ``params`` fills the
    bind parameters both statements share (a read model's tenant parameter)."""
    page = statement.where(*where)
    for statement_filter in page_filters(query):
        page = statement_filter.append_to_statement(page, model)
    rows = (await session.execute(page, params)).all()
    count = select(func.count()).select_from(model).where(*where)
    total = await session.scalar(count, params)
    return rows, int(total or 0)
