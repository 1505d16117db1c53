"""The tenant: one company sharing the deployment, the root of every isolation boundary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.shared.clock import utc_now
from domain.shared.errors import FieldError, ValidationFailed
from domain.shared.ids import new_id
from domain.shared.text import check_text

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
MAX_NAME_LENGTH = 200


class TenantStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


def parse_slug(raw: str) -> str:
    """Return ``raw`` as a valid slug (lower-case letters, digits, inner hyphens) or raise."""
    slug = raw.strip().lower()
    if not _SLUG.fullmatch(slug):
        raise ValidationFailed(
            "The tenant slug is invalid.",
            (FieldError("tenant_slug", "use 1-63 lower-case letters, digits or inner hyphens"),),
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
        """Create a new active tenant after checking its name and slug."""
        clean_name = check_text(name, "tenant_name").strip()
        if not clean_name or len(clean_name) > MAX_NAME_LENGTH:
            raise ValidationFailed(
                "The tenant name is invalid.",
                (FieldError("tenant_name", f"must be 1-{MAX_NAME_LENGTH} characters"),),
            )
        now = utc_now()
        return cls(new_id(), clean_name, parse_slug(slug), TenantStatus.ACTIVE, now, now)
