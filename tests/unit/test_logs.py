"""The log formatter masks e-mail addresses and drops fields that name a secret, whoever
logged them (the app, a library, a traceback's text)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
import structlog

from infrastructure.observability.logs import mask_emails
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
