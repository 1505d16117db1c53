"""Each API worker's app when ``serve`` runs several (``WORKERS`` > 1). ``serve`` has read
and checked the settings, migrated the database and started it if embedded, and handed
the workers what they need in their environment (``interface/cli/children.py``)."""

from __future__ import annotations

from litestar import Litestar

from infrastructure.observability.logs import configure_logging
from infrastructure.observability.metrics import forget_this_process
from infrastructure.settings import Settings
from interface.cli.children import stop_with_parent
from interface.composition.app import create_app


def worker_app() -> Litestar:
    stop_with_parent()
    settings = Settings.from_env()
    configure_logging(settings.log_level, json=settings.log_format == "json")
    app = create_app(settings)
    app.on_shutdown.append(forget_this_process)
    return app
