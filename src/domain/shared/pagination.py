"""A page of results, the shape every list use case returns."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which slice of a list the caller wants."""

    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One slice of a list plus the total number of matching items."""

    items: Sequence[T]
    total: int
    limit: int
    offset: int
