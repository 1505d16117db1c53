"""``InputStruct``: the base of every request body, so every text field obeys the text rule.

Right after msgspec decodes a body (types, lengths and patterns already checked), each
``str`` field, and each ``str`` inside a list field, goes through ``check_text`` from
``domain.shared.text``: a control character, a bidirectional override or another invisible
formatting character is a 400 problem whose ``errors`` names the field. Fields listed in
``multiline`` may also hold line feeds and tabs; fields in ``verbatim`` (an existing
password) are not checked. Nested input structs check their own fields.
A body type that does not derive from ``InputStruct`` is caught by a test over every route.
"""

from __future__ import annotations

from typing import ClassVar

import msgspec

from domain.shared.text import check_text


class InputStruct(msgspec.Struct):
    multiline: ClassVar[frozenset[str]] = frozenset()
    """Wire names of the fields that may span several lines."""
    verbatim: ClassVar[frozenset[str]] = frozenset()
    """Wire names of secrets taken exactly as sent: an existing password is only compared
    with its hash, never stored or shown, and may hold what today's rules would refuse."""

    def __post_init__(self) -> None:
        for attribute, field in zip(self.__struct_fields__, self.__struct_encode_fields__):
            if field not in self.verbatim:
                _check(getattr(self, attribute), field, field in self.multiline)


def _check(value: object, field: str, multiline: bool) -> None:
    if isinstance(value, str):
        check_text(value, field, multiline=multiline)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _check(item, field, multiline)
