"""Pagination on the wire, the same for every list endpoint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Generic, TypeVar

import msgspec
from litestar.params import QueryParameter

from domain.shared.pagination import Page

T = TypeVar("T")
S = TypeVar("S")

MAX_LIMIT = 200

Limit = Annotated[
    int, QueryParameter(ge=1, le=MAX_LIMIT, description=f"Page size (1-{MAX_LIMIT}).")
]
Offset = Annotated[int, QueryParameter(ge=0, le=10_000_000, description="Items to skip.")]


class PageOut(msgspec.Struct, Generic[T], frozen=True):
    items: list[T]
    total: int
    limit: int
    offset: int

    @classmethod
    def example(cls, item: T) -> PageOut[T]:
        """The first page of the default size, holding the one ``item``."""
        return cls([item], total=1, limit=50, offset=0)


def page_out(page: Page[S], convert: Callable[[S], T]) -> PageOut[T]:
    """The wire page of a domain page, every item converted."""
    return PageOut([convert(item) for item in page.items], page.total, page.limit, page.offset)
