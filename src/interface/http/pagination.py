"""Pagination on the wire, the same for every list endpoint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Generic, TypeVar

import msgspec
from litestar.params import QueryParameter

from domain.shared.pagination import COUNT_LIMIT, Page

T = TypeVar("T")
S = TypeVar("S")

MAX_LIMIT = 200

Limit = Annotated[
    int, QueryParameter(ge=1, le=MAX_LIMIT, description=f"Page size (1-{MAX_LIMIT}).")
]
Offset = Annotated[int, QueryParameter(ge=0, le=10_000_000, description="Items to skip.")]


class PageOut(msgspec.Struct, Generic[T], frozen=True):
    items: list[T]
    has_more: Annotated[
        bool, msgspec.Meta(description="Whether items follow this page: go on at offset + limit.")
    ]
    total: Annotated[
        int | None,
        msgspec.Meta(
            description=(
                f"How many items match, when at most {COUNT_LIMIT} do; null when more do"
                " (a page never counts further, so its cost does not grow with the data)."
            )
        ),
    ]
    limit: int
    offset: int

    @classmethod
    def example(cls, item: T) -> PageOut[T]:
        """The first page of the default size, holding the one ``item``."""
        return cls([item], has_more=False, total=1, limit=50, offset=0)


def page_out(page: Page[S], convert: Callable[[S], T]) -> PageOut[T]:
    """The wire page of a domain page, every item converted."""
    items = [convert(item) for item in page.items]
    return PageOut(items, page.has_more, page.total, page.limit, page.offset)
