"""``IdempotentRequests`` on fakes: what a request may do to its key on the way out. Only
its own committed claim is ever marked interrupted, and a transient failure (the database
busy, a deadlock) is never stored as the key's answer."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from application.idempotency.errors import KeyInProgress
from application.idempotency.idempotent_requests import IdempotencyPolicy, IdempotentRequests
from application.idempotency.ports import IdempotencyClaim, Replay, StoredResponse
from domain.shared.actor import Actor, Role
from domain.shared.errors import Conflict, ServiceUnavailable
from tests.unit.fake_db import FakeDatabase, FakeSession, FakeUnitOfWork, RecordingOutbox


class RecordingKeys:
    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse
        self.claims: list[IdempotencyClaim] = []
        self.abandoned: list[UUID] = []

    async def claim(self, claim: IdempotencyClaim) -> Replay | None:
        if self.refuse:
            raise KeyInProgress()
        self.claims.append(claim)
        return None

    async def complete(self, user_id: UUID, key: str, response: StoredResponse) -> None:
        raise AssertionError("not on these paths")

    async def abandon(self, user_id: UUID, key: str, resource_id: UUID) -> None:
        self.abandoned.append(resource_id)

    async def purge_expired(self, now: object) -> int:
        return 0


def _requests(keys: RecordingKeys) -> IdempotentRequests:
    uow = FakeUnitOfWork(FakeSession(FakeDatabase(), uuid4()), RecordingOutbox())
    requests = IdempotentRequests(uow, keys, IdempotencyPolicy())
    actor = Actor(uuid4(), uuid4(), Role.ADMIN)
    requests.expect(actor, "key-1", "fingerprint", lambda o: StoredResponse(500, str(o).encode()))
    return requests


async def test_a_request_marks_only_its_own_committed_claim_interrupted() -> None:
    keys = RecordingKeys()
    unclaimed = _requests(keys)
    await unclaimed.abandon()  # failed before claiming: another request's row stays as it is
    refused = _requests(RecordingKeys(refuse=True))
    with pytest.raises(KeyInProgress):
        await refused.claim(uuid4())
    await refused.abandon()
    claimed = _requests(keys)
    order_id = uuid4()
    await claimed.claim(order_id)
    await claimed.abandon()
    assert keys.abandoned == [order_id]


@pytest.mark.parametrize(
    "failure",
    [ServiceUnavailable("The database is unreachable."), Conflict("Retry the request.")],
)
async def test_a_transient_failure_is_answered_but_never_stored(failure: Exception) -> None:
    failure.transient = True  # type: ignore[attr-defined]
    keys = RecordingKeys()
    requests = _requests(keys)
    order_id = uuid4()
    await requests.claim(order_id)
    answer = await requests.settle(failure)
    assert answer.body == str(failure).encode()
    assert [c.response for c in keys.claims] == [None], "no claim stored with an answer"
    assert keys.abandoned == [order_id], "the committed claim is left to recover the order"
