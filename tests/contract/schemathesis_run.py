"""How the contract test runs schemathesis (``test_schemathesis.py``): the users it logs in
as (a Web Fuzzing Commons auth file), its configuration (``schemathesis.toml`` and the
seeded dictionaries), its hooks (``hooks.py``), and the process."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from tests.api.identity_helpers import PASSWORD

CONFIG = Path(__file__).with_name("schemathesis.toml")
HOOKS = Path(__file__).with_name("hooks.py")
SECONDS = int(os.environ.get("CONTRACT_SECONDS", "120"))
SEED = os.environ.get("CONTRACT_SEED", "20261130")
REPORT = (
    ["--report", "har", "--report-dir", os.environ["CONTRACT_REPORT_DIR"]]
    if os.environ.get("CONTRACT_REPORT_DIR")
    else []
)
"""Every request and answer as HAR, to study a run: ``CONTRACT_REPORT_DIR=/tmp/run make
fuzz`` (schemathesis's ndjson report keeps the failures only)."""
Users = dict[str, tuple[str, str]]
"""WFC user name -> (tenant slug, e-mail)."""
Dictionaries = dict[str, list[str]]
"""Dictionary name -> values schemathesis may use (see ``schemathesis.toml``)."""
Guard = dict[str, str]
"""The user the run logs in as, and who stands in for it (``hooks.py``)."""


def wfc_auth(users: Users) -> dict[str, object]:
    """A Web Fuzzing Commons auth file: how each user logs in and sends its token."""
    return {
        "auth": [
            {
                "name": name,
                "loginEndpointAuth": {
                    "endpoint": "/api/v1/auth/token",
                    "verb": "POST",
                    "contentType": "application/json",
                    "payloadRaw": json.dumps(
                        {"tenant_slug": slug, "email": email, "password": PASSWORD}
                    ),
                    "token": {
                        "extractFrom": "body",
                        "extractSelector": "/access_token",
                        "sendIn": "header",
                        "sendName": "Authorization",
                        "sendTemplate": "Bearer {token}",
                    },
                },
            }
            for name, (slug, email) in users.items()
        ]
    }


def config_with(ids: Dictionaries, path: Path) -> Path:
    """The run's configuration: ``schemathesis.toml`` and the seeded dictionaries."""
    tables = "".join(
        f"\n[dictionaries.{name}]\nvalues = {json.dumps(values)}\n" for name, values in ids.items()
    )
    path.write_text(CONFIG.read_text() + tables)
    return path


async def run_schemathesis(
    base_url: str, auth_file: Path, config: Path, guard: Guard
) -> tuple[int, str]:
    environment = {
        **os.environ,
        **guard,
        "CONTRACT_BASE_URL": base_url,
        "CONTRACT_AUTH_FILE": str(auth_file),
        "SCHEMATHESIS_HOOKS": str(HOOKS),
        "NO_COLOR": "1",
    }
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(config),
        "run",
        f"{base_url}/schema/openapi.json",
        "--max-time",
        str(SECONDS),
        "--seed",
        SEED,
        *REPORT,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode(errors="replace")
