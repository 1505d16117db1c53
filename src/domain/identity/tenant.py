"""The tenant: one company sharing the deployment, the root of every isolation boundary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.identity.reserved_slugs import RESERVED_SLUGS
from domain.shared.clock import utc_now
from domain.shared.errors import FieldError, Unprocessable
from domain.shared.ids import new_id
from domain.shared.text import check_text

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
MAX_NAME_LENGTH = 200


class TenantStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


def slug_or_none(raw: str) -> str | None:
    """The slug ``raw`` spells (trimmed, lower-cased), or ``None`` when it spells none.

    Only ASCII input can be a slug: ``str.lower`` would turn the Kelvin sign U+212A into
    ``k``, so a look-alike could otherwise reach an ASCII tenant. Never raises: lookups
    (login, operator commands) treat a non-slug as an unknown tenant.
    """
    candidate = raw.strip()
    if not candidate.isascii():
        return None
    slug = candidate.lower()
    return slug if _SLUG.fullmatch(slug) else None


def parse_slug(raw: str) -> str:
    """Return ``raw`` as a valid slug (ASCII lower-case letters, digits, inner hyphens) or
    raise ``Unprocessable`` naming ``tenant_slug``."""
    slug = slug_or_none(raw)
    if slug is None:
        raise Unprocessable(
            "The tenant slug is invalid.",
            (
                FieldError(
                    "tenant_slug", "use 1-63 ASCII lower-case letters, digits or inner hyphens"
                ),
            ),
        )
    return slug


def parse_new_slug(raw: str) -> str:
    """``parse_slug``, and not one of the ``RESERVED_SLUGS``: the slug of a new tenant."""
    slug = parse_slug(raw)
    if slug in RESERVED_SLUGS:
        raise Unprocessable(
            "The tenant slug is reserved.",
            (FieldError("tenant_slug", f"{slug!r} is reserved for the platform; choose another"),),
        )
    return slug


@dataclass(slots=True)
class Tenant:
    id: UUID
    name: str
    slug: str
    status: TenantStatus
    created_at: datetime
    updated_at: datetime

    @classmethod
    def register(cls, name: str, slug: str) -> Tenant:
        """Create a new active tenant after checking its name and slug (not reserved)."""
        clean_name = check_text(name, "tenant_name").strip()
        if not clean_name or len(clean_name) > MAX_NAME_LENGTH:
            raise Unprocessable(
                "The tenant name is invalid.",
                (FieldError("tenant_name", f"must be 1-{MAX_NAME_LENGTH} characters"),),
            )
        now = utc_now()
        return cls(new_id(), clean_name, parse_new_slug(slug), TenantStatus.ACTIVE, now, now)

    def suspend(self) -> None:
        """Lock the tenant's users out: no login, no refresh, no access token."""
        self.status = TenantStatus.SUSPENDED
        self.updated_at = utc_now()

    def resume(self) -> None:
        self.status = TenantStatus.ACTIVE
        self.updated_at = utc_now()
