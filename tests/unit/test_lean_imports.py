"""The API process does not import what it does not use (issue 13: each package costs
resident memory for the life of the process). Checked in a fresh interpreter that builds
the app the way ``tenantry serve`` does."""

from __future__ import annotations

import json
import subprocess
import sys

_BUILD_APP = """
import json, os, sys
os.environ.update(DATABASE_URL="postgresql://app:pw@127.0.0.1:1/none", JWT_SECRET="s" * 64)
os.environ.pop("TRACING", None)
os.environ.pop("DATABASE_OWNER_URL", None)
from interface.cli.main import main  # what the ``tenantry`` command imports
from infrastructure.settings import Settings
from interface.composition.app import create_app
create_app(Settings.from_env())
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after_building_the_app() -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_APP], capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(done.stdout)
    return loaded


_NOT_IN_THE_API = {
    "alembic": "the migrations run in a child process; the head revision is read as text",
    "mako": "alembic's templates",
    "pygments": "imported by mako and by rich",
    "rich": "imported by structlog, never used (tracebacks are rendered as text)",
    "httpx": "only the relay workers send webhooks",
    "aiosmtplib": "only a process that sends mail over SMTP (NOTIFICATION_CHANNEL=smtp) loads it",
    "zxcvbn": "loaded on the first password judged",
    "confusable_homoglyphs": "the domain keeps the runs of each script and the ASCII look-alikes",
}


def test_the_app_as_serve_builds_it_leaves_the_heavy_modules_out() -> None:
    """Each of these stayed in the API process for its whole life (issue 13)."""
    loaded = set(_modules_after_building_the_app())
    assert "litestar" in loaded and "interface.http.app" in loaded  # the app was built
    present = {name: why for name, why in _NOT_IN_THE_API.items() if name in loaded}
    assert present == {}


def test_with_tracing_off_neither_the_tracing_sdk_nor_its_exporter_is_loaded() -> None:
    """Nor Litestar's OpenTelemetry plugin and the ASGI instrumentation, which Litestar
    imports in every app it builds whenever they are installed (``interface/http/app.py``)."""
    heavy = (
        "opentelemetry.sdk",
        "opentelemetry.exporter",
        "opentelemetry.instrumentation",
        "litestar.plugins.opentelemetry",
    )
    loaded = _modules_after_building_the_app()
    assert "litestar" in loaded and "interface.http.app" in loaded  # the app was built
    assert [m for m in loaded if m.startswith(heavy) or m.startswith("google.protobuf")] == []
