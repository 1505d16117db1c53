"""The OpenAPI ``pattern`` of free-text fields (``text_schema``) says exactly what the text
rule (``domain.shared.text``) enforces: over every code point but the surrogates (which a
JSON string cannot hold as text), each accepts the same characters, single- and
multi-line."""

from __future__ import annotations

import re
import sys

import pytest

from domain.shared.text import forbidden_character
from interface.http.text_schema import text_pattern

BLOCK = 512


def _disagreements(multiline: bool) -> list[str]:
    # fullmatch: the document's (ECMA) ``$`` matches only at the very end, where Python's
    # would also match before a final line feed.
    pattern = re.compile(text_pattern(multiline))
    codes = [*range(0xD800), *range(0xE000, sys.maxunicode + 1)]
    found = []
    for start in range(0, len(codes), BLOCK):
        chars = [chr(code) for code in codes[start : start + BLOCK]]
        block = "".join(chars)
        if pattern.fullmatch(block) and forbidden_character(block, multiline=multiline) is None:
            continue  # both accept every character of the block
        for char in chars:
            documented = pattern.fullmatch(char) is not None
            enforced = forbidden_character(char, multiline=multiline) is None
            if documented != enforced:
                found.append(f"U+{ord(char):04X} documented={documented} enforced={enforced}")
    return found


@pytest.mark.parametrize("multiline", [False, True], ids=["single-line", "multi-line"])
def test_the_documented_pattern_accepts_exactly_what_the_text_rule_accepts(
    multiline: bool,
) -> None:
    assert _disagreements(multiline) == []


def test_the_patterns_refuse_what_the_rule_refuses() -> None:
    single, multi = re.compile(text_pattern()), re.compile(text_pattern(multiline=True))
    assert single.fullmatch("Café ☕ 🍕") and multi.fullmatch("two\n\tlines")
    assert not single.fullmatch("two\nlines") and not multi.fullmatch("a\u202eb")
