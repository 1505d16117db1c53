"""Translation of database driver errors into the project's ``AppError`` family.

The unit of work calls ``translate_failure`` on anything its block raises, and adapters
that use the engine or the driver directly wrap their calls in ``database_failures()``, so
no driver error ever reaches the interface layer (SQLAlchemy's errors and asyncpg's own,
from the reads that talk to the driver): a constraint or row-level-security violation becomes a 4xx
error, an unreachable database a 503, and only the unforeseen stays a 500. A broken
constraint is described in plain words (``constraint_messages``), never by its name.
"""

from __future__ import annotations

import os
import re

import asyncpg
from sqlalchemy.exc import DataError, DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from domain.shared.errors import (
    AppError,
    Conflict,
    FieldError,
    PermissionDenied,
    ServiceUnavailable,
    Unprocessable,
    ValidationFailed,
)
from infrastructure.database.constraint_messages import (
    BROKEN_RULE,
    MISSING_VALUE,
    STILL_REFERENCED,
    Meaning,
    broken_rule,
    duplicate,
    missing_reference,
    table_constraint,
)


def _sqlstate(error: DBAPIError) -> str | None:
    original = error.orig
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    cause = getattr(original, "__cause__", None)
    if state is None and cause is not None:
        state = getattr(cause, "sqlstate", None)
    return state if isinstance(state, str) else None


_NAMED_IN_MESSAGE = re.compile(r'constraint "([^"]+)"')


Failure = DBAPIError | asyncpg.PostgresError
"""A failure the server reported: through SQLAlchemy, or from the driver itself."""


def _constraint(error: Failure) -> str | None:
    """The broken constraint's name: the error's own field, or (an error a Citus worker
    raised reaches the app without that field) the name its message quotes."""
    if isinstance(error, DBAPIError):
        cause = getattr(error.orig, "__cause__", None)
        message = str(cause or error.orig)
    else:
        cause, message = error, str(error)
    name = getattr(cause, "constraint_name", None)
    if not isinstance(name, str):
        quoted = _NAMED_IN_MESSAGE.search(message)
        name = None if quoted is None else quoted.group(1)
    return None if name is None else table_constraint(name)


def _deletes(error: Failure) -> bool:
    """A foreign key broken by a DELETE: the row is still referenced (not a missing one)."""
    statement = error.statement if isinstance(error, DBAPIError) else None
    return (statement or "").lstrip().upper().startswith("DELETE")


def _invalid(meaning: Meaning) -> ValidationFailed:
    if meaning.field is None:
        return ValidationFailed(meaning.detail)
    return ValidationFailed(BROKEN_RULE.detail, (FieldError(meaning.field, meaning.detail),))


def _unknown_reference(meaning: Meaning) -> AppError:
    """A request field naming a record that does not exist (another tenant's looks the
    same) is the client's to fix: 422 naming it. Without a field (the caller's own user or
    tenant is gone) it is a conflict with the state of the server: 409."""
    if meaning.field is None:
        return Conflict(meaning.detail)
    return Unprocessable(meaning.detail, (FieldError(meaning.field, meaning.detail),))


_BY_CLASS: dict[str, type[AppError]] = {
    "08": ServiceUnavailable,  # connection exception
    "53": ServiceUnavailable,  # insufficient resources
    "57": ServiceUnavailable,  # operator intervention (shutdown, statement timeout)
    "22": ValidationFailed,  # data exception: out of range, bad text representation, ...
}


def translate_failure(error: BaseException) -> AppError | None:
    """What a failure met while using the database means: ``translate`` for SQLAlchemy's
    errors; an ``OSError`` (refused, no socket, timed out) raised inside the driver while it
    connects means the database is unreachable. ``None``: not the database's doing."""
    if isinstance(error, SQLAlchemyError):
        return translate(error)
    if isinstance(error, asyncpg.PostgresError):
        return _by_state(error.sqlstate, error)
    if isinstance(error, asyncpg.InterfaceError):  # as SQLAlchemy's InterfaceError below
        return _transient(ServiceUnavailable("The database is unreachable."))
    if isinstance(error, OSError) and _raised_by_driver(error):
        return _transient(ServiceUnavailable("The database is unreachable."))
    return None


def _transient(error: AppError) -> AppError:
    """``error`` marked as the moment's: repeating the request may succeed."""
    error.transient = True
    return error


DRIVER_FAILURES = (SQLAlchemyError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError)


class _DatabaseFailures:
    """``database_failures()``, plain and shared (a generator cost 2 us a read; issue 13)."""

    async def __aenter__(self) -> None:
        pass

    async def __aexit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        translated = translate_failure(error) if isinstance(error, DRIVER_FAILURES) else None
        if translated is not None:
            raise translated from error


def database_failures() -> _DatabaseFailures:
    """Raise what a database failure in its block means (``translate_failure``)."""
    return _DATABASE_FAILURES


_DATABASE_FAILURES = _DatabaseFailures()

_DRIVER_PACKAGES = (f"{os.sep}asyncpg{os.sep}", f"{os.sep}sqlalchemy{os.sep}")


def _raised_by_driver(error: BaseException) -> bool:
    traceback = error.__traceback__
    while traceback is not None:
        if any(part in traceback.tb_frame.f_code.co_filename for part in _DRIVER_PACKAGES):
            return True
        traceback = traceback.tb_next
    return False


def translate(error: SQLAlchemyError) -> AppError | None:
    """The ``AppError`` that ``error`` means, or ``None`` when it is a genuine bug."""
    if isinstance(error, PoolTimeout):  # every connection busy for ``POOL_WAIT_SECONDS``
        return _transient(ServiceUnavailable("The database is busy; retry the request."))
    if not isinstance(error, DBAPIError):
        return None
    state = _sqlstate(error)
    if state is None:
        if isinstance(error, DataError):  # rejected by the driver before it was sent
            return ValidationFailed("A value is out of range or malformed.")
        if isinstance(error, (OperationalError, InterfaceError)):
            return _transient(ServiceUnavailable("The database is unreachable."))
        return None
    return _by_state(state, error)


def _by_state(state: str, error: Failure) -> AppError | None:
    if state == "42501":
        return PermissionDenied("The write is outside the current tenant.")
    if state.startswith("23"):
        return _integrity(state, error)
    if state in ("40001", "40P01"):
        return _transient(Conflict("The resource changed concurrently; retry the request."))
    error_type = _BY_CLASS.get(state[:2])
    if error_type is ValidationFailed:
        return ValidationFailed("A value is out of range or malformed.")
    if error_type is ServiceUnavailable:
        return _transient(ServiceUnavailable("The database cannot serve the request right now."))
    return None


def _integrity(state: str, error: Failure) -> AppError | None:
    """A broken constraint, in plain words: problem details never name the constraint."""
    constraint = _constraint(error)
    if state == "23505":
        return Conflict(duplicate(constraint).detail)
    if state in ("23503", "23001"):  # foreign key, restrict
        if _deletes(error):
            return Conflict(STILL_REFERENCED.detail)
        return _unknown_reference(missing_reference(constraint))
    if state == "23514":
        return _invalid(broken_rule(constraint))
    if state == "23502":
        return ValidationFailed(MISSING_VALUE.detail)
    return None
