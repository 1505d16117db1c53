"""The operations context's registration: the health probes, outside ``/api/v1``."""

from __future__ import annotations

from interface.http.operations.health import HealthController
from interface.http.operations.metrics import MetricsController
from interface.http.operations.provider import OperationsProvider
from interface.http.registration import ContextRegistration

OPERATIONS = ContextRegistration(
    name="operations",
    root_handlers=(HealthController, MetricsController),
    providers=(OperationsProvider,),
)
