"""A user of one tenant. Every change to the user bumps its version (its ETag)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.identity.events import UserCreated
from domain.shared.actor import Role
from domain.shared.clock import utc_now
from domain.shared.email import normalize_email
from domain.shared.events import DomainEvent
from domain.shared.ids import new_id


@dataclass(slots=True)
class User:
    id: UUID
    tenant_id: UUID
    email: str
    password_hash: str
    role: Role
    version: int
    created_at: datetime
    updated_at: datetime
    events: list[DomainEvent] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def create(cls, tenant_id: UUID, email: str, password_hash: str, role: Role) -> User:
        """A new user of ``tenant_id``; the password arrives already hashed."""
        now = utc_now()
        user = cls(new_id(), tenant_id, normalize_email(email), password_hash, role, 1, now, now)
        user.events.append(UserCreated(tenant_id, user.id, role.value))
        return user

    def take_events(self) -> list[DomainEvent]:
        events, self.events = self.events, []
        return events

    def change_role(self, role: Role) -> None:
        self.update(role=role)

    def update(self, role: Role | None = None, email: str | None = None) -> None:
        """Apply the given changes (``None`` leaves a field as it is)."""
        if role is not None:
            self.role = role
        if email is not None:
            self.email = normalize_email(email)
        self._touch()

    def with_password(self, password_hash: str) -> None:
        self.password_hash = password_hash
        self._touch()

    def _touch(self) -> None:
        self.version += 1
        self.updated_at = utc_now()
