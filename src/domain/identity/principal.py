"""Who is calling: the verified identity carried by an access token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.shared.actor import Actor


@dataclass(frozen=True, slots=True)
class Principal(Actor):
    """A verified caller. ``session_id`` is the refresh-token family the token came from."""

    session_id: UUID
    token_id: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AccessToken:
    token: str
    expires_in: int


@dataclass(frozen=True, slots=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
