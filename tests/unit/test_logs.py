"""The log formatter masks e-mail addresses and drops fields that name a secret, whoever
logged them (the app, a library, a traceback's text); below the level nothing is logged."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import structlog

from infrastructure.observability.logs import mask_emails
from interface.http import access_log
from tests.logs import json_logs


@pytest.fixture
def buffer() -> Iterator[io.StringIO]:
    with json_logs() as lines:
        yield lines


def test_personal_data_and_secrets_never_reach_a_line(buffer: io.StringIO) -> None:
    logging.getLogger("some.library").warning("mail to %s failed", "ada.lovelace@acme.test")
    structlog.get_logger("tenantry.test").info(
        "signed up", email="bob@globex.test", password="hunter2", api_token="t0k3n", tenant="acme"
    )
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert lines[0]["event"] == "mail to a***@acme.test failed"
    assert lines[0]["logger"] == "some.library" and lines[0]["level"] == "warning"
    assert lines[1] == {**lines[1], "email": "b***@globex.test", "tenant": "acme"}
    assert "password" not in lines[1] and "api_token" not in lines[1]
    assert "hunter2" not in buffer.getvalue() and "t0k3n" not in buffer.getvalue()


def test_masking_keeps_addresses_apart_but_unreadable() -> None:
    assert mask_emails("to x@a.io and yy@b.example.com") == "to x***@a.io and y***@b.example.com"
    assert mask_emails("no address here @ all") == "no address here @ all"


@pytest.mark.parametrize("level", ["INFO", "WARNING"])
def test_the_access_line_follows_the_level_and_costs_nothing_below_it(
    level: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    fields = access_log._fields

    def counted(*args: Any) -> dict[str, Any]:
        built.append(1)
        return fields(*args)

    monkeypatch.setattr(access_log, "_fields", counted)
    scope: Any = {"method": "GET", "state": {}}
    with json_logs(level) as buffer:
        access_log.log_request(scope, 200, 0.001)
        structlog.get_logger("tenantry.other").info("an info line")
        structlog.get_logger("tenantry.other").warning("a warning line")
    events = [json.loads(line)["event"] for line in buffer.getvalue().splitlines()]
    expected = ["request", "an info line"] if level == "INFO" else []
    assert events == [*expected, "a warning line"]
    assert len(built) == (1 if level == "INFO" else 0), "no fields built below the level"
