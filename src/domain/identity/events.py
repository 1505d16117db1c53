"""Domain events of the identity context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from uuid import UUID

from domain.shared.events import DomainEvent


@dataclass(frozen=True, slots=True)
class UserCreated(DomainEvent):
    """A user joined the tenant (its owner at signup, or one added later). The payload
    holds no e-mail address: a receiver that needs it reads the user through the API."""

    event_type: ClassVar[str] = "user.created"

    user_id: UUID
    role: str
