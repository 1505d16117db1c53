"""Service: one idempotent request, from the claim of its key to its stored answer.

The key rides in the transactions the use case commits anyway (``RequestKey``): the use
case claims it first thing in the transaction that commits its effect, bound to what that
effect creates (its recovery point), and stores the answer in the transaction that commits
its last state. Only a request that ends otherwise (a refusal before its effect, a 409 after
it) stores its answer in a short transaction of its own (``settle``), and that claim
answers a replay if the key was used meanwhile.

One instance per request scope: the edge says what it expects (``expect``: the key, the
fingerprint, how to render an outcome), the use case gets the same instance as its
``RequestKey``.

A key's life: claimed with the effect (in progress, 409 to a concurrent use) -> answered; or,
on an unexpected failure after the effect, kept bound and marked interrupted (a replay
answers the bound resource's current state). A request whose effect rolled back leaves no
claim behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from uuid import UUID

from application.idempotency.errors import KeyInProgress, KeyReused, Replayed
from application.idempotency.ports import IdempotencyClaim, IdempotencyKeys, StoredResponse
from domain.shared.actor import Actor
from domain.shared.clock import utc_now
from domain.shared.errors import AppError
from domain.shared.unit_of_work import UnitOfWork

Render = Callable[[object], StoredResponse]
"""The edge's answer to an outcome: the resource, or the ``AppError`` the request ended in."""


@dataclass(frozen=True, slots=True)
class IdempotencyPolicy:
    ttl: timedelta = timedelta(hours=24)


class IdempotentRequests:
    def __init__(self, uow: UnitOfWork, keys: IdempotencyKeys, policy: IdempotencyPolicy) -> None:
        self._uow = uow
        self._keys = keys
        self._ttl = policy.ttl
        self._claim: IdempotencyClaim | None = None
        self._render: Render | None = None
        self._refused = False
        self._answered: tuple[object, StoredResponse] | None = None

    def expect(self, actor: Actor, key: str, fingerprint: str, render: Render) -> None:
        """This request runs under ``key``; nothing is read or written yet."""
        self._claim = IdempotencyClaim(actor.user_id, key, fingerprint, utc_now() + self._ttl)
        self._render = render

    async def claim(self, resource_id: UUID) -> None:
        """``RequestKey.claim``, in the use case's open transaction."""
        if self._claim is None:
            return
        self._claim = replace(self._claim, resource_id=resource_id)
        try:
            replay = await self._keys.claim(self._claim)
        except (KeyInProgress, KeyReused):
            self._refused = True
            raise
        if replay is not None:
            self._refused = True
            raise Replayed(replay)

    async def answer(self, outcome: object) -> None:
        """``RequestKey.answer``, in the use case's open transaction."""
        if self._claim is None or self._render is None or self._claim.resource_id is None:
            return
        response = self._render(outcome)
        await self._keys.complete(self._claim.user_id, self._claim.key, response)
        self._answered = (outcome, response)

    async def settle(self, outcome: object) -> StoredResponse:
        """After the use case: the answer to send for ``outcome``. The one it stored with
        its last commit when ``outcome`` is what that answer was rendered from; else the
        answer is stored now, in a transaction of its own, unless the key refused this
        request. Raises ``Replayed`` when the key was used meanwhile, and ``KeyInProgress``
        or ``KeyReused`` as a claim does."""
        claim, render = self._expected()
        if self._answered is not None and self._answered[0] is outcome:
            return self._answered[1]
        response = render(outcome)
        if isinstance(outcome, AppError) and outcome.transient:
            await self.abandon()  # the moment's failure: never the key's answer
            return response
        if self._refused:
            return response
        async with self._uow as uow:
            replay = await self._keys.claim(replace(claim, response=response))
            await uow.commit()
        if replay is not None:
            raise Replayed(replay)
        return response

    async def abandon(self) -> None:
        """After an unexpected or a transient failure: when this request's claim was
        committed with its effect, mark it interrupted (a retry answers what it created);
        else there is nothing of this request's to undo (its claim rolled back, or it made
        none), and another request's row under the key is left alone."""
        claim, _ = self._expected()
        if claim.resource_id is None or self._refused:
            return
        async with self._uow as uow:
            await self._keys.abandon(claim.user_id, claim.key, claim.resource_id)
            await uow.commit()

    def _expected(self) -> tuple[IdempotencyClaim, Render]:
        if self._claim is None or self._render is None:
            raise RuntimeError("no Idempotency-Key was expected in this request")
        return self._claim, self._render
