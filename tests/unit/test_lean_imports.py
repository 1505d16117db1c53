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


def test_with_tracing_off_neither_the_tracing_sdk_nor_its_exporter_is_loaded() -> None:
    """(Litestar itself imports its OpenTelemetry plugin and the ASGI instrumentation
    whenever they are installed.)"""
    heavy = ("opentelemetry.sdk", "opentelemetry.exporter", "opentelemetry.instrumentation.sql")
    loaded = _modules_after_building_the_app()
    assert "litestar" in loaded and "interface.http.app" in loaded  # the app was built
    assert [m for m in loaded if m.startswith(heavy) or m.startswith("google.protobuf")] == []
