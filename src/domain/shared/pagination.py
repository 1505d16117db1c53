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
        has_more = len(fetched) > request.limit
        return cls(
            fetched[: request.limit], _total(counted), request.limit, request.offset, has_more
        )


@dataclass(frozen=True, slots=True)
class JoinedPage:
    """A page whose items arrive as JSON, joined by commas in their order (the inside of
    the page's JSON array; empty for none): a read of stored documents sends them as they
    are. Whether more follow and the total as ``Page``'s."""

    joined: str
    total: int | None
    limit: int
    offset: int
    has_more: bool

    @classmethod
    def window(cls, joined: str, fetched: int, counted: int, request: PageRequest) -> "JoinedPage":
        """The page of the first ``limit`` items of the ``fetched`` (up to ``limit + 1``),
        ``joined``, and the matching items counted up to ``COUNT_LIMIT + 1``."""
        has_more = fetched > request.limit
        return cls(joined, _total(counted), request.limit, request.offset, has_more)


def _total(counted: int) -> int | None:
    """The total of matching items counted up to ``COUNT_LIMIT + 1``, if known."""
    return counted if counted <= COUNT_LIMIT else None
