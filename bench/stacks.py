"""The HTTP stacks the raw baseline runs on: one table, one server process per stack.

Each stack is its own server and its own target (named like the stack), measured
interleaved with the API's targets. A stack whose modules are not importable in this venv
is reported as not available; one whose server does not start is reported as failed.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

RAW_APP = "bench.raw_app:app"
FLOOR_APP = "bench.floor_app:app"
"""The single read's floor (``bench/floor_app.py``), served on the API's own stack."""
API_STACK_LABEL = "uvicorn, httptools + uvloop (tenantry serve)"


@dataclass(frozen=True, slots=True)
class Stack:
    name: str
    """The target's and the server's name, e.g. ``raw-uvicorn``."""
    label: str
    """What the report shows, e.g. ``uvicorn, httptools + uvloop``."""
    module: str
    """Run as ``python -m <module>`` with ``options``."""
    options: tuple[str, ...]
    requires: tuple[str, ...]
    """Modules that must be importable for the stack to run."""
    api_stack: bool = False
    """The stack the API ships on (``src/interface/cli/http_server.py``)."""

    def command(self, python: str, port: int | str, app: str = RAW_APP) -> list[str]:
        address = ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
        return [python, "-m", self.module, *self.options, *address, app]

    def missing(self) -> list[str]:
        """The required modules this venv lacks (empty: the stack can run)."""
        return [module for module in self.requires if importlib.util.find_spec(module) is None]


_UVICORN = ("--no-access-log", "--ws", "none")
STACKS: tuple[Stack, ...] = (
    Stack(
        "raw-h11",
        "uvicorn, h11 + asyncio",
        "uvicorn",
        ("--http", "h11", "--loop", "asyncio", *_UVICORN),
        ("uvicorn", "h11"),
    ),
    Stack(
        "raw-uvicorn",
        "uvicorn, httptools + uvloop",
        "uvicorn",
        ("--http", "httptools", "--loop", "uvloop", *_UVICORN),
        ("uvicorn", "httptools", "uvloop"),
        api_stack=True,
    ),
    Stack(
        "raw-granian",
        "granian, uvloop (1 worker)",
        "granian",
        ("--interface", "asgi", "--loop", "uvloop", "--no-ws", "--workers", "1"),
        ("granian", "uvloop"),
    ),
)
STACK_NAMES = tuple(stack.name for stack in STACKS)


def stack_named(name: str) -> Stack | None:
    return next((stack for stack in STACKS if stack.name == name), None)


def api_stack() -> Stack:
    """The raw stack that matches what the API ships on."""
    return next(stack for stack in STACKS if stack.api_stack)
