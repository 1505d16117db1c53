"""``tenantry`` refuses to start without a real signing secret outside development, and
with a development secret file that others may read, before any database is started."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from tests.database import DatabaseUnderTest

CLI = "import sys; from interface.cli.main import main; raise SystemExit(main(sys.argv[1:]))"


def _environment(data_dir: Path, **env: str) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("JWT_", "DATABASE_"))}
    inherited.pop("ENV", None)
    return {**inherited, "DATA_DIR": str(data_dir), "RELAY_WORKERS": "0", **env}


async def _tenantry(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CLI, *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        async with asyncio.timeout(90):
            output, _ = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode is not None
    return process.returncode, output.decode()


@pytest.mark.parametrize("command", [["serve"], ["worker"], ["tenants", "list"]])
async def test_an_external_database_without_jwt_secret_is_refused(
    database: DatabaseUnderTest, tmp_path: Path, command: list[str]
) -> None:
    env = _environment(tmp_path, DATABASE_URL=database.urls.runtime)
    code, output = await _tenantry(command, env)
    assert code == 2, output
    assert "tenantry: JWT_SECRET is required outside development" in output
    assert "Tenantry is starting" not in output
    assert not (tmp_path / "jwt-secret.dev").exists()


async def test_production_without_jwt_secret_is_refused_before_the_database_starts(
    tmp_path: Path,
) -> None:
    code, output = await _tenantry(["serve"], _environment(tmp_path, ENV="production"))
    assert code == 2, output
    assert "tenantry: JWT_SECRET is required outside development" in output
    assert not (tmp_path / "postgres").exists(), "the embedded server was started anyway"


async def test_a_short_jwt_secret_is_refused(tmp_path: Path) -> None:
    env = _environment(tmp_path, ENV="production", JWT_SECRET="only-thirty-one-bytes-long-0000")
    code, output = await _tenantry(["serve"], env)
    assert code == 2, output
    assert "tenantry: JWT_SECRET must be at least 32 bytes (UTF-8), got 31" in output


async def test_a_development_secret_readable_by_others_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "jwt-secret.dev"
    secret.write_text("a-development-secret-somebody-else-could-read-000")
    secret.chmod(0o644)
    code, output = await _tenantry(["serve"], _environment(tmp_path))
    assert code == 2, output
    assert f"tenantry: {secret} is open to other users (mode 0644" in output
    assert f"chmod 600 {secret}" in output
    assert not (tmp_path / "postgres").exists(), "the embedded server was started anyway"


async def test_migrate_signs_nothing_and_needs_no_secret(
    database: DatabaseUnderTest, tmp_path: Path
) -> None:
    env = _environment(
        tmp_path, DATABASE_URL=database.urls.runtime, DATABASE_OWNER_URL=database.urls.owner
    )
    code, output = await _tenantry(["migrate"], env)
    assert code == 0, output
    assert "Migrations are at head." in output
