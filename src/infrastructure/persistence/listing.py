"""Paging and ordering of every list query: advanced-alchemy's filters on one statement.

Each repository hands over its select (ORM rows, or the columns of a read model), its
tenant-filtered conditions and the client's ``ListQuery``; this module orders it (the
field, then ``id`` as tiebreak, both in the requested direction), pages it with
``LIMIT``/``OFFSET`` (one row more than the page: whether more follow), and counts the
matching rows up to ``COUNT_LIMIT + 1`` in a second statement, so neither grows with the
table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from advanced_alchemy.filters import LimitOffset, OrderBy, StatementFilter
from sqlalchemy import ColumnElement, Row, Select, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.shared.listing import ListQuery
from domain.shared.pagination import COUNT_LIMIT


def bounded_count(matching: Select[Any]) -> Select[Any]:
    """How many rows ``matching`` selects, counted up to ``COUNT_LIMIT + 1`` (enough to
    tell "more than the limit"): the cost stays flat however many rows match."""
    return select(func.count()).select_from(matching.limit(COUNT_LIMIT + 1).subquery())


def page_filters(query: ListQuery) -> tuple[StatementFilter, ...]:
    """The client's ordering (with ``id`` as tiebreak) and page, as statement filters."""
    direction: Literal["asc", "desc"] = "desc" if query.ordering.descending else "asc"
    return (
        OrderBy(field_name=query.ordering.field, sort_order=direction),
        OrderBy(field_name="id", sort_order=direction),
        LimitOffset(limit=query.page.limit + 1, offset=query.page.offset),
    )


def page_statement(
    statement: Select[Any], model: type[Any], where: Sequence[ColumnElement[bool]], query: ListQuery
) -> Select[Any]:
    """``statement`` (which selects from ``model``'s table) filtered by ``where``, ordered
    and cut at the requested offset to the page and one row more (see ``Page.window``)."""
    page = statement.where(*where)
    for statement_filter in page_filters(query):
        page = statement_filter.append_to_statement(page, model)
    return page


def matching_count(model: type[Any], where: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """The rows of ``model`` matching ``where``, counted up to ``COUNT_LIMIT + 1``."""
    return bounded_count(select(literal(1)).select_from(model).where(*where))


async def fetch_page(
    session: AsyncSession,
    statement: Select[Any],
    model: type[Any],
    where: Sequence[ColumnElement[bool]],
    query: ListQuery,
    params: Mapping[str, Any] | None = None,
) -> tuple[Sequence[Row[Any]], int]:
    """The rows of ``page_statement`` and the ``matching_count``, in two statements.
    ``params`` fills the bind parameters both share (a read model's tenant parameter)."""
    rows = (await session.execute(page_statement(statement, model, where, query), params)).all()
    total = await session.scalar(matching_count(model, where), params)
    return rows, int(total or 0)
