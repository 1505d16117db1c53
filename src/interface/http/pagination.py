"""Pagination on the wire, the same for every list endpoint."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

import msgspec
from litestar.params import QueryParameter

T = TypeVar("T")

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
