"""Tracing, when on: one request yields a server span carrying the tenant id, with a client
span under it for each database statement; ``TRACING=otlp`` delivers them to a real OTLP/HTTP
receiver on loopback."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from litestar.testing import AsyncTestClient
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Span
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from infrastructure.observability.tracing import Tracing, tracer_provider_for
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


class _Collector(BaseHTTPRequestHandler):
    """An OTLP/HTTP trace receiver: keeps each export request's spans."""

    received: list[ExportTraceServiceRequest]

    def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        assert (
            self.path == "/v1/traces" and self.headers["Content-Type"] == "application/x-protobuf"
        )
        self.received.append(ExportTraceServiceRequest.FromString(body))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@contextmanager
def _otlp_collector() -> Iterator[tuple[str, list[ExportTraceServiceRequest]]]:
    received: list[ExportTraceServiceRequest] = []
    handler = type("Collector", (_Collector,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1/traces", received
    finally:
        server.shutdown()
        server.server_close()


async def test_otlp_sends_the_spans_to_a_collector(
    database: DatabaseUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _otlp_collector() as (endpoint, received):
        monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", endpoint)
        provider = tracer_provider_for("otlp")
        assert provider is not None
        app = create_app(app_settings(database, tracing="otlp"), tracing=Tracing(provider))
        try:
            async with AsyncTestClient(app=app) as client:
                acme = await sign_up(client, "acme")
                globex = await sign_up(client, "globex")
                for tenant in (acme, globex):
                    await client.get("/api/v1/products", headers=tenant.headers)
        finally:
            await truncate_all(database.owner)
        assert await asyncio.to_thread(provider.force_flush)
        provider.shutdown()
    resources = [r for request in received for r in request.resource_spans]
    names = {a.value.string_value for r in resources for a in r.resource.attributes}
    assert "tenantry" in names
    spans = [s for r in resources for scope in r.scope_spans for s in scope.spans]
    tenants = {a.value.string_value for s in spans for a in s.attributes if a.key == "tenant.id"}
    assert {acme.tenant_id, globex.tenant_id} <= tenants
    assert any(s.kind == Span.SPAN_KIND_CLIENT for s in spans)
