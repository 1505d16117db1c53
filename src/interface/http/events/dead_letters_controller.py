"""Dead-lettered events of the caller's tenant: list them, and deliver one again
(owners and admins)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, get, post
from litestar.params import FromPath
from litestar.status_codes import HTTP_202_ACCEPTED

from application.events.list_dead_letters import ListDeadLetters
from application.events.ports import DeadLetter
from application.events.retry_dead_letter import RetryDeadLetter
from domain.shared.actor import Actor
from domain.shared.pagination import PageRequest
from interface.http.example_values import DEAD_LETTER_ID, at
from interface.http.openapi_errors import problems
from interface.http.pagination import Limit, Offset, PageOut, page_out


class DeadLetterOut(msgspec.Struct, frozen=True):
    id: UUID
    event_type: str
    occurred_at: datetime
    attempts: int
    last_error: str
    failed_at: datetime

    @classmethod
    def example(cls) -> DeadLetterOut:
        return cls(
            DEAD_LETTER_ID,
            "order.refunded",
            at("2025-03-02T17:12:05"),
            8,
            "ordering.notify_customer: SMTP server mail.acme.example:587 answered 451",
            at("2025-03-02T19:40:11"),
        )

    @classmethod
    def of(cls, letter: DeadLetter) -> DeadLetterOut:
        return cls(
            letter.id,
            letter.event_type,
            letter.occurred_at,
            letter.attempts,
            letter.last_error,
            letter.failed_at,
        )


class RetryOut(msgspec.Struct, frozen=True):
    id: UUID
    status: str = "pending"

    @classmethod
    def example(cls) -> RetryOut:
        return cls(DEAD_LETTER_ID)


class DeadLettersController(Controller):
    path = "/events/dead-letters"
    tags = ["events"]

    @get("/", responses=problems(403))
    async def list_dead_letters(
        self,
        actor: FromDishka[Actor],
        list_dead_letters: FromDishka[ListDeadLetters],
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> PageOut[DeadLetterOut]:
        """Events whose handlers failed on every attempt, the latest failure first."""
        page = await list_dead_letters(actor, PageRequest(limit, offset))
        return page_out(page, DeadLetterOut.of)

    @post("/{event_id:str}/retry", status_code=HTTP_202_ACCEPTED, responses=problems(403, 404))
    async def retry_dead_letter(
        self,
        event_id: FromPath[UUID],
        actor: FromDishka[Actor],
        retry: FromDishka[RetryDeadLetter],
    ) -> RetryOut:
        """Deliver the event again with fresh attempts; handlers that already succeeded
        on it are not run twice."""
        await retry(actor, event_id)
        return RetryOut(event_id)
