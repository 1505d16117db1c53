"""Tracing, when on: one request yields a server span carrying the tenant id, with a client
span under it for each database statement."""

from __future__ import annotations

from litestar.testing import AsyncTestClient
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from infrastructure.observability.tracing import Tracing
from interface.composition.app import create_app
from tests.api.conftest import app_settings
from tests.api.identity_helpers import sign_up
from tests.database import DatabaseUnderTest, truncate_all


def _ancestors(span: ReadableSpan, by_id: dict[int, ReadableSpan]) -> list[ReadableSpan]:
    found = []
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        found.append(span)
    return found


async def test_a_request_is_a_server_span_with_database_spans_under_it(
    database: DatabaseUnderTest,
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    app = create_app(app_settings(database), tracing=Tracing(provider))
    try:
        async with AsyncTestClient(app=app) as client:
            acme = await sign_up(client, "acme")
            await sign_up(client, "globex")
            exporter.clear()
            response = await client.get("/api/v1/products", headers=acme.headers)
            assert response.status_code == 200
    finally:
        await truncate_all(database.owner)
    spans = exporter.get_finished_spans()
    by_id = {span.context.span_id: span for span in spans}
    (server,) = [s for s in spans if s.kind is SpanKind.SERVER]
    assert server.attributes is not None
    assert server.attributes.get("tenant.id") == acme.tenant_id
    statements = [s for s in spans if s.kind is SpanKind.CLIENT]
    assert statements, [s.name for s in spans]
    assert all(server in _ancestors(s, by_id) for s in statements)
