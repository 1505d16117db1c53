"""The edge's own header setting and request ids (``edge.set_header``,
``request_id.new_request_id``): what Litestar's ``MutableScopeHeaders`` and ``uuid4().hex``
gave, without their cost (issue 13)."""

from __future__ import annotations

from uuid import UUID

from interface.http.edge import set_header
from interface.http.request_id import new_request_id


def test_a_header_is_appended_when_the_answer_has_none_of_that_name() -> None:
    headers = [(b"content-type", b"application/json")]
    set_header(headers, b"x-request-id", "abc")
    assert headers == [(b"content-type", b"application/json"), (b"x-request-id", b"abc")]


def test_a_header_replaces_the_first_of_its_name_in_any_case_and_drops_the_others() -> None:
    headers = [
        (b"X-Request-ID", b"theirs"),
        (b"content-type", b"application/json"),
        (b"x-request-id", b"again"),
        (b"x-request-id", b"and again"),
    ]
    set_header(headers, b"x-request-id", "ours")
    assert headers == [(b"x-request-id", b"ours"), (b"content-type", b"application/json")]


def test_request_ids_are_random_version_4_uuids_in_hex() -> None:
    ids = [new_request_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for request_id in ids:
        parsed = UUID(hex=request_id)
        assert parsed.hex == request_id and len(request_id) == 32
        assert parsed.version == 4 and parsed.variant == "specified in RFC 4122"
