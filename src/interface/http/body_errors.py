"""Which field of a JSON body holds what the fast parser refused while decoding.

msgspec refuses an unpaired surrogate (``"\\ud800"``) or a number beyond 64 bits while it
decodes, before any field is known, and says only a byte offset. On that error path alone,
``locate`` parses the body again with Python's ``json``, which accepts both, and walks it
to the first such value, so the problem can name its field (``lines[0].quantity``).

``schema_error`` names the field of a body that decodes but does not match its type, from
msgspec's message (``Expected `int`, got `str` - at `$.lines[0].quantity```).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

import msgspec

from domain.shared.errors import FieldError

_INT64 = 2**63 - 1


@dataclass(frozen=True, slots=True)
class BadValue:
    field: str
    message: str


def locate(body: bytes) -> BadValue | None:
    """The first value in ``body`` the fast parser cannot take, or ``None``."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):  # not JSON at all, or nested too deeply
        return None
    pending: list[tuple[object, str]] = [(document, "body")]
    while pending:
        value, field = pending.pop()
        problem = _problem_of(value)
        if problem is not None:
            return BadValue(field, problem)
        children = _children(value, field)
        pending.extend(reversed(children))
    return None


def _problem_of(value: object) -> str | None:
    if isinstance(value, str) and not _is_unicode(value):
        return "holds an unpaired surrogate (\\ud800-\\udfff), which is not Unicode text"
    if isinstance(value, dict) and not all(_is_unicode(key) for key in value):
        return "has a member name with an unpaired surrogate, which is not Unicode text"
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and abs(value) > _INT64:
        return "is out of range: numbers must fit in 64 bits"
    if isinstance(value, float) and not math.isfinite(value):
        return "is out of range: numbers must be finite"
    return None


def _children(value: object, field: str) -> list[tuple[object, str]]:
    prefix = "" if field == "body" else f"{field}."
    if isinstance(value, dict):
        return [(item, f"{prefix}{key}") for key, item in value.items()]
    if isinstance(value, list):
        return [(item, f"{field}[{index}]") for index, item in enumerate(value)]
    return []


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_NAMED = re.compile(r"(?:unknown|missing required) field `([^`]*)`")


def schema_error(error: msgspec.ValidationError) -> FieldError:
    """The field ``error`` is about: its path, or the member its message names within it
    (an unknown or a missing field); ``body`` for the body itself."""
    message, _, at = str(error).rpartition(" - at `$")
    if not message:
        message, at = str(error), ""
    path = at.rstrip("`").lstrip(".")
    named = _NAMED.search(message)
    if named is not None:
        path = f"{path}.{named.group(1)}" if path else named.group(1)
    return FieldError(path or "body", message)
