"""A Python client generated with ``openapi-python-client`` from an OpenAPI document, and the
README's walk-through (``client_walkthrough.py``) run through it in a process of its own, so
the generated package never enters the test process."""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

PACKAGE = "tenantry_client"
GENERATOR = Path(sys.executable).parent / "openapi-python-client"
WALKTHROUGH = Path(__file__).with_name("client_walkthrough.py")
CONFIG = {"package_name_override": PACKAGE, "post_hooks": []}
"""No post hooks: the generator would run ``ruff`` over its output, which needs ``ruff`` on
``PATH`` and formats nothing a test reads."""


async def run(*command: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        *command,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    stdout, stderr = await process.communicate()
    assert process.returncode is not None
    return process.returncode, stdout.decode(), stderr.decode()


async def generate(document: bytes, directory: Path) -> list[str]:
    """Writes the client package into ``directory``; returns what the generator said besides
    its "Generating ..." line (its warnings: none expected). ``--fail-on-warning`` makes any
    warning about the document a failure too."""
    (directory / "openapi.json").write_bytes(document)
    (directory / "config.json").write_text(json.dumps(CONFIG))
    code, stdout, stderr = await run(
        GENERATOR,
        "generate",
        "--path",
        directory / "openapi.json",
        "--config",
        directory / "config.json",
        "--output-path",
        directory / PACKAGE,
        "--meta",
        "none",
        "--fail-on-warning",
    )
    said = [line for line in (stdout + stderr).splitlines() if line.strip()]
    assert code == 0, "\n".join(said)
    return [line for line in said if not line.startswith("Generating ")]


def operation_modules(directory: Path) -> dict[str, set[str]]:
    """The generated operation modules by tag: ``{"ordering": {"place_order", ...}, ...}``."""
    api = directory / PACKAGE / "api"
    return {
        tag.name: {module.stem for module in tag.glob("*.py") if module.stem != "__init__"}
        for tag in api.iterdir()
        if tag.is_dir() and tag.name != "__pycache__"
    }


def snake_case(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


async def walk_through(
    directory: Path, base_url: str, slug: str, foreign_order_id: str | None = None
) -> dict[str, Any]:
    """Runs the README's walk-through for a new tenant ``slug`` through the generated client;
    returns what it printed (see ``client_walkthrough.py``)."""
    env = {**os.environ, "PYTHONPATH": str(directory)}
    extra = [foreign_order_id] if foreign_order_id else []
    code, stdout, stderr = await run(sys.executable, WALKTHROUGH, base_url, slug, *extra, env=env)
    assert code == 0, stderr
    result: dict[str, Any] = json.loads(stdout)
    return result
