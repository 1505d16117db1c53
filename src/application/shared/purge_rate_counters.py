"""Operator use case (``tenantry sweep``): delete rate counters whose window has ended
(login throttles included), so random e-mails and addresses leave nothing behind."""

from __future__ import annotations

from application.shared.rate_limits import RateCounters


class PurgeRateCounters:
    def __init__(self, counters: RateCounters) -> None:
        self._counters = counters

    async def __call__(self) -> int:
        return await self._counters.purge()
