"""Orchestrator: one pass of the outbox relay over every tenant with due events.

Steps (see docs/events.md):
1. Ask which tenants have due events (a narrow signal, longest-waiting first), and when
   the next scheduled retry falls due (how long the worker may sleep).
2. For each tenant in turn, claim one batch of its due events (``FOR UPDATE SKIP LOCKED``
   with the tenant's equality filter), so a busy tenant gets one batch per pass and
   cannot starve the others.
3. Deliver each event to its handlers (``EventDeliverer``), then settle it in the claim:
   done (written for the whole batch when the claim ends); or retried after a backoff; or,
   after the last attempt, dead-lettered.
4. On shutdown, stop between events and release the rest of the batch.
5. Tell the worker whether to run another pass at once (more may be due that no
   notification announces: a full batch, more tenants than one pass takes, a retry this
   pass scheduled) or to sleep until notified or the next retry.

Transactions: the claim is one transaction per tenant batch that holds the events' row
locks until they are settled; handlers run in transactions of their own. A worker that
dies mid-batch loses its claim with its connection, and the events fall due again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from application.events.handlers import Delivery
from application.events.ports import ClaimedBatch, EventDeliverer, OutboxClaims, StoredEvent
from application.events.retry_policy import RetryPolicy


@dataclass(frozen=True, slots=True)
class RelaySettings:
    batch_size: int = 50
    tenants_per_pass: int = 100


@dataclass(frozen=True, slots=True)
class RelayPass:
    settled: int
    """How many events this pass settled (0: nothing was due)."""
    next_retry: datetime | None
    """When the next scheduled retry falls due, as seen at the pass's start."""
    more_due: bool
    """Events may be due that no notification announces: run another pass before sleeping."""


class RelayOutbox:
    def __init__(
        self,
        claims: OutboxClaims,
        deliverer: EventDeliverer,
        policy: RetryPolicy,
        settings: RelaySettings,
    ) -> None:
        self._claims = claims
        self._deliverer = deliverer
        self._policy = policy
        self._settings = settings

    async def run_once(self, stopping: Callable[[], bool]) -> RelayPass:
        """One pass: how many events it settled, the next scheduled retry, and whether
        more may be due already."""
        settled, limits = 0, self._settings
        due = await self._claims.due(limits.tenants_per_pass)
        more_due = len(due.tenants) >= limits.tenants_per_pass
        for tenant_id in due.tenants:
            if stopping():
                break
            async with self._claims.claim(tenant_id, limits.batch_size) as batch:
                more_due |= len(batch.events) >= limits.batch_size
                for stored in batch.events:
                    if stopping():
                        batch.release()
                        break
                    more_due |= await self._settle(batch, stored)
                    settled += 1
        return RelayPass(settled, due.next_retry, more_due)

    async def _settle(self, batch: ClaimedBatch, stored: StoredEvent) -> bool:
        """Deliver and settle one event; ``True`` when it was scheduled for a retry."""
        attempt = stored.attempts + 1
        if stored.event is None:
            await batch.dead(stored.id, stored.problem)
            return False
        final = self._policy.is_final(attempt)
        delivery = Delivery(stored.id, stored.occurred_at, attempt, stored.event, stored.payload)
        failures = await self._deliverer.deliver(delivery, final)
        if not failures:
            await batch.done(stored.id)
        elif final:
            await batch.dead(stored.id, "; ".join(failures))
        else:
            await batch.retry(stored.id, "; ".join(failures), self._policy.delay(attempt))
            return True
        return False
