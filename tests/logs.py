"""Capture the process's logs as the app writes them (JSON lines), for tests that search
them; the logging set-up is restored afterwards."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import structlog

from infrastructure.observability.logs import configure_logging


@contextmanager
def json_logs(level: str = "INFO") -> Iterator[io.StringIO]:
    root = logging.getLogger()
    handlers, root_level = root.handlers[:], root.level
    buffer = io.StringIO()
    configure_logging(level, json=True, stream=buffer)
    try:
        yield buffer
    finally:
        root.handlers[:] = handlers
        root.setLevel(root_level)
        structlog.reset_defaults()
