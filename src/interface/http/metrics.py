"""HTTP metrics for Prometheus: requests and their latency by route template (never the raw
path, so ids do not explode the series) and status class, recorded once each request is
answered (``interface/http/answered.py``), routing errors included (route ``unmatched``)."""

from __future__ import annotations

from litestar.types import Scope
from prometheus_client import Counter, Histogram

from interface.http.answered import route_of

REQUESTS = Counter(
    "tenantry_http_requests",
    "HTTP requests answered, by method, route template and status class.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "tenantry_http_request_duration_seconds",
    "Time from the request's arrival to its response's end, by method and route template.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


_series: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}
"""The labelled children by method, route and status class: ``labels()`` checks and
converts its values each time; this looks them up once per series (the same objects, kept
by the metrics anyway). At most one entry per series, as in the registry."""


def record_request(scope: Scope, status: int, seconds: float) -> None:
    """An ``AnswerHook``: count the request and observe its latency."""
    key = (str(scope.get("method", "")), route_of(scope), status // 100)
    series = _series.get(key)
    if series is None:
        method, route, status_class = key
        series = _series[key] = (
            REQUESTS.labels(method, route, f"{status_class}xx"),
            LATENCY.labels(method, route),
        )
    requests, latency = series
    requests.inc()
    latency.observe(seconds)
