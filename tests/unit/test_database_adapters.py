"""Pure parts of the database adapters: error translation, tenant statement, settings."""

from __future__ import annotations

from uuid import UUID

import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError

from domain.shared.errors import Conflict, PermissionDenied, ServiceUnavailable, ValidationFailed
from infrastructure.database.errors import translate, translate_failure
from infrastructure.database.tenant_scope import set_local_statement
from infrastructure.env_values import SettingsError
from infrastructure.settings import Settings


class DriverError(Exception):
    def __init__(self, sqlstate: str | None) -> None:
        super().__init__("driver error")
        self.sqlstate = sqlstate


def _error(kind: type[DBAPIError], sqlstate: str | None) -> DBAPIError:
    return kind("SELECT 1", {}, DriverError(sqlstate))


@pytest.mark.parametrize(
    ("kind", "sqlstate", "expected"),
    [
        (ProgrammingError, "42501", PermissionDenied),
        (IntegrityError, "23505", Conflict),
        (IntegrityError, "23503", Conflict),
        (IntegrityError, "23001", Conflict),
        (IntegrityError, "23502", ValidationFailed),
        (DBAPIError, "22003", ValidationFailed),
        (DBAPIError, "22P02", ValidationFailed),
        (DBAPIError, "40001", Conflict),
        (OperationalError, "57P01", ServiceUnavailable),
        (OperationalError, "08006", ServiceUnavailable),
        (OperationalError, None, ServiceUnavailable),
    ],
)
def test_driver_errors_become_app_errors(
    kind: type[DBAPIError], sqlstate: str | None, expected: type[Exception]
) -> None:
    assert isinstance(translate(_error(kind, sqlstate)), expected)


@pytest.mark.parametrize("sqlstate", ["42P01", "XX000", None])
def test_genuine_bugs_stay_untranslated(sqlstate: str | None) -> None:
    assert translate(_error(ProgrammingError, sqlstate)) is None


def test_set_local_statement_carries_only_a_canonical_uuid() -> None:
    tenant = UUID("0192f0c1-7a3b-7cde-8f00-0123456789ab")
    assert set_local_statement(tenant) == f"SET LOCAL app.tenant_id = '{tenant}';"
    assert set_local_statement(tenant, on_citus=True) == (
        "DO $$BEGIN SET LOCAL citus.propagate_set_commands = 'local';"
        f" SET LOCAL app.tenant_id = '{tenant}'; END$$;"
    )
    with pytest.raises(ValueError):
        set_local_statement("x'; RESET ROLE; --")  # type: ignore[arg-type]


def test_settings_read_the_environment() -> None:
    settings = Settings.from_env(
        {"HOST": "0.0.0.0", "PORT": "9000", "DATABASE_URL": "postgresql://u@h/db"}
    )
    assert (settings.host, settings.port) == ("0.0.0.0", 9000)
    assert settings.database_url == "postgresql://u@h/db"
    assert not settings.uses_embedded_database
    assert Settings.from_env({}).uses_embedded_database
    assert Settings.from_env({}).password_min_score == 3
    assert Settings.from_env({"PASSWORD_MIN_SCORE": "4"}).password_min_score == 4


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORT", "eighty"),
        ("PORT", "70000"),
        ("DB_POOL_SIZE", "0"),
        ("PASSWORD_MIN_SCORE", "5"),
        ("PASSWORD_MIN_SCORE", "-1"),
    ],
)
def test_bad_settings_are_reported_by_name(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_an_os_error_outside_the_driver_is_not_taken_for_a_database_outage() -> None:
    """Only an OSError raised inside the driver means the database is unreachable; one of
    the application's own (a mail server refusing, say) stays what it is."""
    try:
        raise ConnectionRefusedError("smtp.example.test refused")
    except ConnectionRefusedError as error:
        assert translate_failure(error) is None
