"""A customer of a tenant (the buyer on orders)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.shared.clock import utc_now
from domain.shared.email import normalize_email
from domain.shared.errors import FieldError, Unprocessable
from domain.shared.ids import new_id
from domain.shared.text import check_text


def _name(raw: str) -> str:
    clean = check_text(raw, "name").strip()
    if not 1 <= len(clean) <= 200:
        raise Unprocessable("The name is invalid.", (FieldError("name", "1-200 characters"),))
    return clean


@dataclass(slots=True)
class Customer:
    id: UUID
    tenant_id: UUID
    email: str
    name: str
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def create(cls, tenant_id: UUID, email: str, name: str) -> Customer:
        now = utc_now()
        return cls(new_id(), tenant_id, normalize_email(email), _name(name), 1, now, now)

    def change(self, email: str | None = None, name: str | None = None) -> None:
        if email is not None:
            self.email = normalize_email(email)
        if name is not None:
            self.name = _name(name)
        self.version += 1
        self.updated_at = utc_now()
