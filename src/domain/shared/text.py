"""The rule every free-text input obeys: ordinary printable Unicode, nothing invisible.

Refused in every text field (names, descriptions, e-mail addresses, slugs, tokens, ...):

- control characters (Unicode category ``Cc``: NUL, escape, carriage return, ...);
- format characters (``Cf``): the bidirectional embeddings, overrides and isolates
  U+202A-U+202E and U+2066-U+2069, the marks U+200E, U+200F and U+061C, the invisible
  U+200B-U+200D, U+2060 and U+FEFF, the soft hyphen, tag characters, ...;
- lone surrogates (``Cs``), which are no characters at all;
- the line and paragraph separators U+2028 and U+2029 (``Zl``, ``Zp``).

A multi-line field (a product description) may hold line feeds and tabs, nothing else of
the above. Everything else, letters and marks of any script, digits, punctuation, symbols,
emoji and spaces, is ordinary text.
"""

from __future__ import annotations

import unicodedata

from domain.shared.errors import FieldError, ValidationFailed

KINDS = {
    "Cc": "control character",
    "Cf": "invisible formatting character",
    "Cs": "lone surrogate",
    "Zl": "line separator",
    "Zp": "paragraph separator",
}
REFUSED_CATEGORIES = frozenset(KINDS)
MULTILINE_EXTRAS = frozenset("\n\t")


def forbidden_character(value: str, *, multiline: bool = False) -> str | None:
    """The first character of ``value`` that the rule refuses, or ``None``."""
    if value.isprintable():  # fast path: no character of a refused category (nor Zs, Co, Cn)
        return None
    allowed = MULTILINE_EXTRAS if multiline else frozenset()
    for char in value:
        if char not in allowed and unicodedata.category(char) in REFUSED_CATEGORIES:
            return char
    return None


def check_text(value: str, field: str, *, multiline: bool = False) -> str:
    """Return ``value`` unchanged, or raise ``ValidationFailed`` naming ``field``."""
    char = forbidden_character(value, multiline=multiline)
    if char is not None:
        raise ValidationFailed(
            f"The {field} holds a character that is not allowed.",
            (FieldError(field, f"{describe(char)} is not allowed in this field"),),
        )
    return value


def describe(char: str) -> str:
    """How an error names a refused character: ``U+202E (RIGHT-TO-LEFT OVERRIDE)``."""
    category = unicodedata.category(char)
    name = unicodedata.name(char, "") or KINDS.get(category, category)
    return f"U+{ord(char):04X} ({name})"
