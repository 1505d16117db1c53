"""Health probes, documentation and the startup safety check, over HTTP."""

from __future__ import annotations

import re

import pytest
from litestar.testing import AsyncTestClient

from infrastructure.database import migrations
from infrastructure.database.bootstrap import bootstrap, drop_database
from infrastructure.database.role_guard import UnsafeDatabaseRole
from infrastructure.project_root import PROJECT_ROOT
from interface.composition.app import create_app
from tests.api.conftest import Client, app_settings
from tests.database import DatabaseUnderTest, in_database


async def test_live_answers_ok(client: Client) -> None:
    response = await client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_reports_the_migrated_revision(client: Client) -> None:
    response = await client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "schema_revision": migrations.head_revision()}


def test_the_readmes_readiness_example_shows_the_current_revision() -> None:
    """The README's example answer of ``/health/ready`` keeps up with the migrations."""
    readme = (PROJECT_ROOT / "README.md").read_text()
    shown = re.findall(r'\{"status":"ready","schema_revision":"(\w+)"\}', readme)
    assert shown == [migrations.head_revision()]


async def test_ready_is_a_503_problem_when_the_schema_is_not_migrated(
    database: DatabaseUnderTest,
) -> None:
    await bootstrap(database.urls.superuser, "tenantry_unmigrated")
    url = in_database(database.urls.runtime, "tenantry_unmigrated")
    try:
        async with AsyncTestClient(
            app=create_app(app_settings(database, database_url=url))
        ) as client:
            response = await client.get("/health/ready")
    finally:
        await drop_database(database.urls.superuser, "tenantry_unmigrated")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"].isdigit()
    body = response.json()
    assert body["status"] == 503
    assert "run the migrations" in body["detail"]


@pytest.mark.parametrize("role", ["owner", "superuser"])
async def test_app_refuses_to_start_as_a_role_that_escapes_row_level_security(
    database: DatabaseUnderTest, role: str
) -> None:
    url = database.urls.owner if role == "owner" else database.urls.superuser
    app = create_app(app_settings(database, database_url=url))
    with pytest.RaisesGroup(pytest.RaisesExc(UnsafeDatabaseRole, match="Refusing to start")):
        async with AsyncTestClient(app=app):
            pass


async def test_openapi_document_and_docs_ui_are_served(client: Client) -> None:
    schema = await client.get("/schema/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    assert "/health/ready" in schema.json()["paths"]
    docs = await client.get("/docs")
    assert docs.status_code == 200
    assert "text/html" in docs.headers["content-type"]
    assert "swagger-ui" in docs.text.lower()
    assert "/health/ready" in docs.text  # the spec is embedded in the page


async def test_the_docs_ui_loads_its_files_from_this_server(client: Client) -> None:
    page = (await client.get("/docs")).text
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page)
    assert assets and all(url.startswith("/docs/assets/") for url in assets), assets
    for url in assets:
        asset = await client.get(url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 1000, url
    bundle = await client.get("/docs/assets/swagger-ui-bundle.js")
    assert "javascript" in bundle.headers["content-type"]
    assert (await client.get("/docs/assets/../../pyproject.toml")).status_code == 404


@pytest.mark.parametrize("path", ["/schema/redoc", "/schema/elements", "/schema/openapi.yaml"])
async def test_unknown_documents_under_schema_are_problem_documents(
    client: Client, path: str
) -> None:
    """They were HTML 404 pages, unlike every other 404 of the API."""
    response = await client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:tenantry:problem:not-found" and body["instance"] == path
    assert body["request_id"] == response.headers["x-request-id"]
    assert (await client.get("/schema/swagger")).status_code == 200
