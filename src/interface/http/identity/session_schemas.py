"""Wire schemas of sessions and of the caller's own password."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, ClassVar
from uuid import UUID

import msgspec

from domain.identity.session import UserSession
from interface.http.example_values import OWNER_PASSWORD, SESSION_ID, SIGNED_IN_AT
from interface.http.identity.schemas import NewPassword, Password
from interface.http.input_schema import InputStruct


class SessionOut(msgspec.Struct, frozen=True):
    id: UUID
    created_at: datetime
    last_used_at: datetime
    expires_at: Annotated[
        datetime, msgspec.Meta(description="The absolute end; refreshing never extends it.")
    ]
    client: Annotated[
        str | None, msgspec.Meta(description="The client address the session started from.")
    ]
    user_agent: str | None
    current: Annotated[
        bool, msgspec.Meta(description="Whether this is the session of the calling token.")
    ]

    @classmethod
    def example(cls) -> SessionOut:
        return cls(
            SESSION_ID,
            SIGNED_IN_AT,
            SIGNED_IN_AT + timedelta(minutes=26, seconds=15),
            SIGNED_IN_AT + timedelta(days=30),
            "203.0.113.24",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 Version/17.3",
            True,
        )

    @classmethod
    def of(cls, session: UserSession, current_id: UUID) -> SessionOut:
        return cls(
            session.id,
            session.created_at,
            session.last_used_at,
            session.expires_at,
            session.origin.client,
            session.origin.user_agent,
            session.id == current_id,
        )


class SessionsOut(msgspec.Struct, frozen=True):
    items: list[SessionOut]

    @classmethod
    def example(cls) -> SessionsOut:
        return cls([SessionOut.example()])


class RevokedOut(msgspec.Struct, frozen=True):
    revoked: Annotated[int, msgspec.Meta(description="How many sessions were ended.")]

    @classmethod
    def example(cls) -> RevokedOut:
        return cls(2)


class PasswordChangeIn(InputStruct, forbid_unknown_fields=True):
    current_password: Password
    new_password: NewPassword

    verbatim: ClassVar[frozenset[str]] = frozenset({"current_password"})

    @classmethod
    def example(cls) -> PasswordChangeIn:
        return cls(OWNER_PASSWORD, "copper meadow tide lantern 19")
