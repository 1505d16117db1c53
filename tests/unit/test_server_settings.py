"""The HTTP server's settings: read from the environment with clear errors, and
``serve --workers`` taking the place of ``WORKERS``."""

from __future__ import annotations

import pytest

from infrastructure.env_values import SettingsError
from infrastructure.settings import Settings
from interface.cli.http_server import server_config
from interface.cli.serve import with_workers


def test_server_settings_come_from_the_environment() -> None:
    settings = Settings.from_env(
        {"WORKERS": "4", "HEADER_TIMEOUT_SECONDS": "7", "MAX_CONNECTIONS": "250"}
    )
    assert (settings.server.workers, settings.server.header_timeout_seconds) == (4, 7)
    config = server_config("app:app", settings)
    assert (config.bounds.header_timeout_seconds, config.bounds.max_connections) == (7, 250)
    assert config.timeout_keep_alive == settings.server.keep_alive_seconds
    assert config.timeout_graceful_shutdown == settings.server.shutdown_timeout_seconds
    assert (config.loop, config.proxy_headers, config.access_log) == ("uvloop", False, False)


@pytest.mark.parametrize(
    ("name", "value"),
    [("WORKERS", "0"), ("WORKERS", "many"), ("HEADER_TIMEOUT_SECONDS", "0")],
)
def test_unusable_server_settings_are_refused_by_name(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_the_workers_option_overrides_the_variable() -> None:
    settings = Settings.from_env({"WORKERS": "2"})
    assert with_workers(settings, None).server.workers == 2
    assert with_workers(settings, 3).server.workers == 3
    with pytest.raises(SettingsError, match="--workers"):
        with_workers(settings, 0)
