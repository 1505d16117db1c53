"""OpenTelemetry tracing, off unless ``TRACING`` says otherwise: server spans for each request
(the framework's ASGI instrumentation) with database client spans under them, one per
statement, and the tenant id as a span attribute.

``TRACING=otlp`` sends them in batches to an OpenTelemetry collector over OTLP/HTTP; where
to, and with which headers, come from OpenTelemetry's own variables
(``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`` or ``OTEL_EXPORTER_OTLP_ENDPOINT``, default
``http://localhost:4318``; ``OTEL_EXPORTER_OTLP_HEADERS``).

The SDK, the exporter and the instrumentation are imported only when tracing is on: with
it off (the default) a process does not carry them (about 6 MiB, issue 13)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter
    from sqlalchemy.ext.asyncio import AsyncEngine

TRACING_MODES = ("off", "console", "otlp")


@dataclass(frozen=True, slots=True)
class Tracing:
    """The process's tracer provider, or ``None`` when tracing is off."""

    provider: TracerProvider | None = None


def tracer_provider_for(mode: str) -> TracerProvider | None:
    """``off``: no tracing; ``console``: spans printed as JSON (development, debugging);
    ``otlp``: spans sent to a collector."""
    if mode == "off":
        return None
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

    exporter: SpanExporter = OTLPSpanExporter() if mode == "otlp" else ConsoleSpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "tenantry"}))
    provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


def trace_engine(engine: AsyncEngine, provider: TracerProvider) -> None:
    """A client span for each statement ``engine`` runs, a child of the current span."""
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.metrics import NoOpMeterProvider

    usage = NoOpMeterProvider().get_meter("tenantry").create_up_down_counter("db.connections")
    EngineTracer(  # type: ignore[no-untyped-call]
        provider.get_tracer("tenantry.database"), engine.sync_engine, usage
    )
