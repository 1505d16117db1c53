"""``GET /metrics``: Prometheus exposition of the API's metrics (all workers' together),
plus the gauges read at each scrape. ``METRICS_ENABLED=false`` makes it a 404; with
``METRICS_TOKEN`` set it needs ``Authorization: Bearer <token>``."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass

from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, Response, get
from prometheus_client import REGISTRY, Gauge, generate_latest

from application.operations.read_gauges import ReadGauges
from domain.shared.errors import AuthenticationRequired, NotFound

EXPOSITION = "text/plain; version=0.0.4"
"""The text format ``generate_latest`` writes (the framework adds ``charset=utf-8``)."""
EVENTS_PENDING = Gauge(
    "tenantry_events_pending",
    "Outbox events waiting for delivery.",
    multiprocess_mode="mostrecent",
)
EVENTS_DEAD = Gauge(
    "tenantry_events_dead",
    "Outbox events dead-lettered after every retry.",
    multiprocess_mode="mostrecent",
)


@dataclass(frozen=True, slots=True)
class MetricsPolicy:
    enabled: bool = True
    token: str | None = None
    render: Callable[[], bytes] = lambda: generate_latest(REGISTRY)
    """The exposition of every metric (of all workers, where several serve)."""


class MetricsController(Controller):
    path = "/metrics"
    tags = ["operations"]
    include_in_schema = False

    @get("/", cache=False)
    async def metrics(
        self,
        request: Request,  # type: ignore[type-arg]
        policy: FromDishka[MetricsPolicy],
        read_gauges: FromDishka[ReadGauges],
    ) -> Response[bytes]:
        if not policy.enabled:
            raise NotFound()
        if policy.token is not None and not _bearer_matches(request, policy.token):
            raise AuthenticationRequired("Send the metrics token: 'Authorization: Bearer ...'.")
        gauges = await read_gauges()
        EVENTS_PENDING.set(gauges.events_pending)
        EVENTS_DEAD.set(gauges.events_dead)
        return Response(policy.render(), media_type=EXPOSITION)


def _bearer_matches(request: Request, token: str) -> bool:  # type: ignore[type-arg]
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)
