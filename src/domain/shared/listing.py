"""What a list query asks for: filters are per resource, ordering and paging are shared."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.errors import FieldError, ValidationFailed
from domain.shared.pagination import PageRequest


@dataclass(frozen=True, slots=True)
class Ordering:
    field: str
    descending: bool


def parse_ordering(raw: str, allowed: frozenset[str], default: str) -> Ordering:
    """``"-created_at"`` -> newest first; unknown fields are a 400 naming ``order_by``."""
    raw = raw or default
    name = raw.removeprefix("-")
    if name not in allowed:
        raise ValidationFailed(
            "The ordering is invalid.",
            (
                FieldError(
                    "order_by", f"use one of {', '.join(sorted(allowed))}, '-' for descending"
                ),
            ),
        )
    return Ordering(name, raw.startswith("-"))


@dataclass(frozen=True, slots=True)
class ListQuery:
    page: PageRequest
    ordering: Ordering
