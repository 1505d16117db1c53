"""The write rate limits come from the environment: ``<writes>/<seconds>``, ``0`` for off."""

from __future__ import annotations

import pytest

from infrastructure.env_values import SettingsError
from infrastructure.settings import Settings


def test_write_limits_default_to_generous_rates_and_follow_the_environment() -> None:
    default = Settings.from_env({}).limits
    assert (default.user_write_rate, default.tenant_write_rate) == ((600, 60), (3000, 60))
    limits = Settings.from_env(
        {"WRITE_RATE_LIMIT_PER_USER": "20/10", "WRITE_RATE_LIMIT_PER_TENANT": "0"}
    ).limits
    assert (limits.user_write_rate, limits.tenant_write_rate) == ((20, 10), (0, 60))
    assert Settings.from_env({"WRITE_RATE_LIMIT_PER_USER": "0/60"}).limits.user_write_rate[0] == 0


@pytest.mark.parametrize("value", ["many", "10", "-1/60", "10/0", "2000000/60"])
def test_an_unusable_write_limit_is_refused_by_name(value: str) -> None:
    with pytest.raises(SettingsError, match="WRITE_RATE_LIMIT_PER_TENANT"):
        Settings.from_env({"WRITE_RATE_LIMIT_PER_TENANT": value})


def test_the_per_client_limits_may_not_be_turned_off() -> None:
    with pytest.raises(SettingsError, match="RATE_LIMIT_LOGIN"):
        Settings.from_env({"RATE_LIMIT_LOGIN": "0"})
