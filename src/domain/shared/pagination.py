"""A page of results, the shape every list use case returns."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

COUNT_LIMIT = 1000
"""Lists count their matching items up to this many: past it the total is not known (the
cost of a page must not grow with the data), and ``has_more`` says whether to go on."""


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which slice of a list the caller wants."""

    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One slice of a list, whether more follow, and the number of matching items when
    there are at most ``COUNT_LIMIT`` of them (else None)."""

    items: Sequence[T]
    total: int | None
    limit: int
    offset: int
    has_more: bool

    @classmethod
    def window(cls, fetched: Sequence[T], counted: int, request: PageRequest) -> "Page[T]":
        """The page from up to ``limit + 1`` items fetched at the offset (one more than
        the page: whether more follow) and the matching items counted up to
        ``COUNT_LIMIT + 1``."""
        total = counted if counted <= COUNT_LIMIT else None
        has_more = len(fetched) > request.limit
        return cls(fetched[: request.limit], total, request.limit, request.offset, has_more)
