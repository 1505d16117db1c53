"""Query parameters shared by list endpoints: paging and ``order_by``."""

from __future__ import annotations

from typing import Annotated

from litestar.params import QueryParameter

from domain.shared.listing import ListQuery, parse_ordering
from domain.shared.pagination import PageRequest

OrderBy = Annotated[
    str | None,
    QueryParameter(
        required=False,
        max_length=40,
        description="Field to sort by; prefix with '-' for descending (e.g. -created_at).",
    ),
]


def list_query(
    limit: int, offset: int, order_by: str | None, allowed: frozenset[str], default: str
) -> ListQuery:
    return ListQuery(PageRequest(limit, offset), parse_ordering(order_by or "", allowed, default))
