"""Use case: the gauges ``/metrics`` reports at each scrape (no transaction: one read)."""

from domain.operations.ports import Gauges, RuntimeGauges


class ReadGauges:
    def __init__(self, gauges: RuntimeGauges) -> None:
        self._gauges = gauges

    async def __call__(self) -> Gauges:
        return await self._gauges.read()
