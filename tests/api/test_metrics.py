"""``/metrics``: Prometheus exposition a scraper can parse, series by route template (never
a raw path), the event backlog, and access as configured."""

from __future__ import annotations

import re
from uuid import uuid4

from litestar.testing import AsyncTestClient
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from interface.composition.app import create_app
from tests.api.commerce_helpers import make_product
from tests.api.conftest import Client, app_settings
from tests.api.identity_helpers import sign_up
from tests.database import DatabaseUnderTest, truncate_all

UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


def _samples(text: str) -> dict[str, list[Sample]]:
    return {family.name: family.samples for family in text_string_to_metric_families(text)}


def _value(samples: list[Sample], name: str, **labels: str) -> float:
    return sum(s.value for s in samples if s.name == name and labels.items() <= s.labels.items())


async def test_a_scrape_shows_routes_by_template_events_and_the_backlog(client: Client) -> None:
    before = _samples((await client.get("/metrics")).text)
    acme = await sign_up(client, "acme")
    await sign_up(client, "globex")
    pen = await make_product(client, acme, "PEN")
    await client.get(f"/api/v1/products/{pen['id']}", headers=acme.headers)
    await client.get(f"/api/v1/products/{uuid4()}", headers=acme.headers)
    scrape = await client.get("/metrics")
    assert scrape.status_code == 200
    assert scrape.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    after = _samples(scrape.text)

    requests = after["tenantry_http_requests"]
    route = "/api/v1/products/{product_id}"
    got = "tenantry_http_requests_total"
    grew = _value(requests, got, route=route, status="2xx") - _value(
        before["tenantry_http_requests"], got, route=route, status="2xx"
    )
    assert grew == 1
    assert _value(requests, got, route=route, status="4xx") >= 1
    assert not [s for s in requests if UUID_TEXT.search(s.labels.get("route", ""))]
    assert (
        _value(
            after["tenantry_events_committed"],
            "tenantry_events_committed_total",
            event_type="user.created",
        )
        >= 2
    )
    assert _value(after["tenantry_events_pending"], "tenantry_events_pending") >= 2
    assert "tenantry_db_connections_in_use" in after
    assert "tenantry_http_request_duration_seconds" in after


async def test_metrics_can_require_a_token_or_be_switched_off(
    database: DatabaseUnderTest,
) -> None:
    guarded = create_app(app_settings(database, metrics_token="scrape-" + "x" * 30))
    switched_off = create_app(app_settings(database, metrics_enabled=False))
    try:
        async with AsyncTestClient(app=guarded) as client:
            refused = await client.get("/metrics")
            wrong = await client.get("/metrics", headers={"Authorization": "Bearer nope"})
            right = await client.get(
                "/metrics", headers={"Authorization": "Bearer scrape-" + "x" * 30}
            )
        async with AsyncTestClient(app=switched_off) as client:
            off = await client.get("/metrics")
    finally:
        await truncate_all(database.owner)
    assert (refused.status_code, wrong.status_code, right.status_code) == (401, 401, 200)
    assert refused.headers["content-type"] == "application/problem+json"
    assert off.status_code == 404
