"""A broken constraint becomes a problem in plain words: never the constraint's name."""

from __future__ import annotations

import re

import asyncpg
import pytest
from sqlalchemy import CheckConstraint, Constraint, ForeignKeyConstraint, UniqueConstraint
from sqlalchemy.exc import IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from domain.shared.errors import (
    AppError,
    Conflict,
    FieldError,
    ServiceUnavailable,
    Unprocessable,
    ValidationFailed,
)
from infrastructure.database.constraint_messages import KNOWN_CONSTRAINTS
from infrastructure.database.errors import translate, translate_failure
from infrastructure.persistence.registry import load_models

SCHEMA_NAME = re.compile(r"\b(fk|uq|pk|ck|ix)_[a-z0-9_]+")


class DriverCause(Exception):
    """What asyncpg raises: the constraint's name travels on the exception."""

    def __init__(self, constraint_name: str | None) -> None:
        super().__init__("violates constraint")
        self.constraint_name = constraint_name


class DriverError(Exception):
    def __init__(self, sqlstate: str, constraint_name: str | None) -> None:
        super().__init__(sqlstate, constraint_name)
        self.sqlstate = sqlstate
        self.__cause__ = DriverCause(constraint_name)


class RelayedError(Exception):
    """An error a Citus worker raised, as the coordinator relays it: no constraint field,
    the name (the shard's) only in the message."""

    def __init__(self, sqlstate: str, message: str) -> None:
        super().__init__(sqlstate, message)
        self.sqlstate = sqlstate
        self.__cause__ = Exception(message)


def _translated(sqlstate: str, constraint: str | None, statement: str = "INSERT") -> AppError:
    error = IntegrityError(f"{statement} INTO t VALUES (1)", {}, DriverError(sqlstate, constraint))
    translated = translate(error)
    assert translated is not None
    return translated


def _constraints() -> list[Constraint]:
    return [c for table in load_models().sorted_tables for c in table.constraints]


def _state_of(constraint: Constraint) -> str:
    if isinstance(constraint, ForeignKeyConstraint):
        return "23503"
    if isinstance(constraint, CheckConstraint):
        return "23514"
    return "23505"  # unique and primary keys


def test_every_constraint_with_a_message_exists_in_the_schema() -> None:
    names = {str(c.name) for c in _constraints()}
    assert KNOWN_CONSTRAINTS <= names, KNOWN_CONSTRAINTS - names


@pytest.mark.parametrize("statement", ["INSERT", "UPDATE", "DELETE"])
def test_no_constraint_of_the_schema_is_named_in_a_problem(statement: str) -> None:
    constraints = _constraints()
    assert len(constraints) > 40
    assert {type(c) for c in constraints} >= {ForeignKeyConstraint, UniqueConstraint}
    for constraint in constraints:
        error = _translated(_state_of(constraint), str(constraint.name), statement)
        shown = [error.detail] + [e.message for e in getattr(error, "errors", ())]
        assert all(SCHEMA_NAME.search(text) is None for text in shown), (constraint.name, shown)


def test_a_deleted_users_write_says_so() -> None:
    error = _translated("23503", "fk_idempotency_keys_tenant_id_user_id_users")
    assert isinstance(error, Conflict) and error.detail == "Your user no longer exists."


def test_a_foreign_key_broken_by_a_delete_means_still_referenced_not_missing() -> None:
    insert = _translated("23503", "fk_orders_tenant_id_customer_id_customers")
    delete = _translated("23503", "fk_orders_tenant_id_customer_id_customers", "DELETE")
    assert insert.detail == "The customer does not exist."
    assert delete.detail == "The resource is still referenced by other records."


def test_duplicates_and_broken_rules_name_the_field_not_the_constraint() -> None:
    assert _translated("23505", "uq_products_tenant_id_sku").detail == (
        "A product with this SKU already exists."
    )
    rule = _translated("23514", "ck_products_stock_not_negative")
    assert isinstance(rule, ValidationFailed)
    assert rule.errors == (FieldError("stock_quantity", "must not be negative"),)


@pytest.mark.parametrize(
    ("sqlstate", "detail"),
    [
        ("23505", "A resource with these values already exists."),
        ("23503", "A referenced record does not exist."),
        ("23514", "A value breaks a rule of the data."),
        ("23502", "A required value is missing."),
    ],
)
def test_unknown_or_unnamed_constraints_get_the_plain_message_of_their_kind(
    sqlstate: str, detail: str
) -> None:
    assert _translated(sqlstate, "fk_some_future_table_x_y").detail == detail
    assert _translated(sqlstate, None).detail == detail


def test_no_constraint_of_the_schema_ends_in_digits_so_a_digit_suffix_is_a_shards() -> None:
    assert [str(c.name) for c in _constraints() if re.search(r"[0-9]$", str(c.name))] == []


@pytest.mark.parametrize("shard", ["102231", "7"])
def test_a_violation_raised_on_a_citus_worker_is_described_by_its_tables_constraint(
    shard: str,
) -> None:
    insert = _translated("23503", f"fk_orders_tenant_id_customer_id_customers_{shard}")
    assert isinstance(insert, Unprocessable) and insert.detail == "The customer does not exist."
    assert [e.field for e in insert.errors] == ["customer_id"]
    duplicate = _translated("23505", f"uq_products_tenant_id_sku_{shard}")
    assert duplicate.detail == "A product with this SKU already exists."


def test_a_violation_relayed_by_citus_without_the_name_field_is_read_from_its_message() -> None:
    message = (
        'insert or update on table "orders_102038" violates foreign key constraint'
        ' "fk_orders_tenant_id_customer_id_customers_102038"'
    )
    cause = RelayedError("23503", message)
    translated = translate(IntegrityError("INSERT INTO orders VALUES (1)", {}, cause))
    assert translated is not None and translated.detail == "The customer does not exist."


def test_every_named_constraint_keeps_its_name_on_a_citus_shard() -> None:
    """Citus names a shard's constraint ``<name>_<shard id>`` while that fits PostgreSQL's
    63 bytes, and hashes it beyond: the names with a message stay short enough for a shard
    id of up to 11 digits."""
    assert [name for name in KNOWN_CONSTRAINTS if len(name) + 12 > 63] == []


def test_only_the_moments_failures_are_transient() -> None:
    """A deadlock, a serialization failure or a database that cannot serve right now may
    pass when repeated: marked transient (never stored under an Idempotency-Key). A broken
    constraint is the request's own: not."""
    for state in ("40P01", "40001", "57014", "53300", "08006"):
        assert _translated(state, None).transient, state
    for state, constraint in (("23505", "uq_products_tenant_id_sku"), ("23514", None)):
        assert not _translated(state, constraint).transient, state


def _from_driver(fields: dict[str, str]) -> AppError:
    """What the driver raises itself, on the reads that talk to it directly."""
    translated = translate_failure(asyncpg.PostgresError.new(fields))
    assert translated is not None
    return translated


def test_the_drivers_own_errors_mean_what_sqlalchemys_do() -> None:
    lost = _from_driver({"C": "08003", "M": "connection was closed in the middle of operation"})
    assert isinstance(lost, ServiceUnavailable) and lost.transient
    timeout = _from_driver({"C": "57014", "M": "canceling statement due to statement timeout"})
    assert isinstance(timeout, ServiceUnavailable) and timeout.transient
    duplicate = _from_driver({"C": "23505", "M": "dup", "n": "uq_products_tenant_id_sku"})
    assert isinstance(duplicate, Conflict) and not duplicate.transient
    assert not SCHEMA_NAME.search(duplicate.detail)
    closed = translate_failure(asyncpg.InterfaceError("connection is closed"))
    assert isinstance(closed, ServiceUnavailable) and closed.transient


def test_a_pool_with_no_free_connection_is_a_moments_503() -> None:
    busy = translate(PoolTimeout("QueuePool limit of size 2 overflow 0 reached"))
    assert isinstance(busy, ServiceUnavailable) and busy.transient
