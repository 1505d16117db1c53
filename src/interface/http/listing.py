"""Query parameters shared by list endpoints: paging and ``order_by``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from litestar.params import QueryParameter

from domain.shared.errors import FieldError, ValidationFailed
from domain.shared.listing import ListQuery, parse_ordering
from domain.shared.pagination import PageRequest


def order_by_param(allowed: frozenset[str]) -> Any:
    """The ``order_by`` query parameter of a list, with its allowed fields in the schema:
    use as ``Annotated[str | None, order_by_param(SORTABLE)]``."""
    fields = sorted(allowed)
    return QueryParameter(
        required=False,
        pattern=f"^-?({'|'.join(fields)})$",
        description=f"Sort by {', '.join(fields)}; prefix '-' for descending.",
    )


Instant = Annotated[
    str | None,
    QueryParameter(
        required=False,
        format="date-time",
        max_length=40,
        description="RFC 3339 timestamp with offset, e.g. 2026-11-28T12:00:00Z.",
    ),
]


def parse_instant(value: str | None, field: str) -> datetime | None:
    """An RFC 3339 timestamp with its offset; anything else is a 400 naming ``field``."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise ValidationFailed(
            f"{field} is not a timestamp.",
            (FieldError(field, "use RFC 3339 with an offset, e.g. 2026-11-28T12:00:00Z"),),
        )
    return parsed


def list_query(
    limit: int, offset: int, order_by: str | None, allowed: frozenset[str], default: str
) -> ListQuery:
    return ListQuery(PageRequest(limit, offset), parse_ordering(order_by or "", allowed, default))
