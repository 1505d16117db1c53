"""The text rule (``domain.shared.text``) as an OpenAPI ``pattern``.

Every free-text field refuses control, format and separator characters; the document says
so with a pattern built from the same Unicode categories on the running Python, so a client
or a property-based test that obeys the schema never sends what the rule refuses. The
pattern is for the document only: the rule itself is applied by ``check_text``, whose
errors name the character.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import cache

from domain.shared.text import MULTILINE_EXTRAS, REFUSED_CATEGORIES


def _escaped(code: int) -> str:
    # BMP characters as \uXXXX (read alike by ECMA, Python and Rust engines); others as
    # themselves, since the engines disagree on how to escape them.
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)


@cache
def text_pattern(multiline: bool = False) -> str:
    """``^[^...]*$`` over every character the text rule refuses in such a field."""
    allowed = {ord(char) for char in MULTILINE_EXTRAS} if multiline else set()
    refused = [
        code
        for code in range(sys.maxunicode + 1)
        if code not in allowed
        and not 0xD800 <= code <= 0xDFFF  # surrogates cannot occur in a JSON string
        and unicodedata.category(chr(code)) in REFUSED_CATEGORIES
    ]
    ranges: list[tuple[int, int]] = []
    for code in refused:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    members = "".join(
        _escaped(first) if first == last else f"{_escaped(first)}-{_escaped(last)}"
        for first, last in ranges
    )
    return f"^[^{members}]*$"


SINGLE_LINE_TEXT = text_pattern()
