"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, get

from application.operations.check_readiness import CheckReadiness


class Liveness(msgspec.Struct, frozen=True):
    status: str

    @classmethod
    def example(cls) -> Liveness:
        return cls("ok")


class Readiness(msgspec.Struct, frozen=True):
    status: str
    schema_revision: str

    @classmethod
    def example(cls) -> Readiness:
        return cls("ready", "0023")


class HealthController(Controller):
    """Public: no bearer token (``security=[{}]`` says so in the OpenAPI document)."""

    path = "/health"
    tags = ["operations"]
    security = [{}]

    @get("/live", summary="The process is up", cache=False)
    async def check_liveness(self) -> Liveness:
        return Liveness(status="ok")

    @get(
        "/ready",
        summary="The database is reachable and migrated to head",
        description="200 when ready; otherwise a 503 problem saying what is missing.",
        cache=False,
    )
    async def check_readiness(self, check: FromDishka[CheckReadiness]) -> Readiness:
        state = await check()
        return Readiness(status="ready", schema_revision=state.expected)
