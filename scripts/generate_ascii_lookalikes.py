"""Writes ``src/domain/shared/ascii_lookalikes.py``: the characters that pass for an ASCII
letter or digit by the Unicode look-alike table (confusables.txt of UTS #39) as shipped with
``confusable_homoglyphs``. The domain keeps these ~1,200 characters instead of loading the
whole table (about 7 MiB per process, issue 13). Run it after upgrading the library;
``tests/unit/test_ascii_lookalikes.py`` fails while the file is out of date.

    .venv/bin/python scripts/generate_ascii_lookalikes.py
"""

from __future__ import annotations

from pathlib import Path

from confusable_homoglyphs import categories, confusables

TARGET = Path(__file__).resolve().parents[1] / "src" / "domain" / "shared" / "ascii_lookalikes.py"
_PER_LINE = 9
_HEADER = '''"""The characters that pass for an ASCII letter or digit: generated from the Unicode
look-alike table by ``scripts/generate_ascii_lookalikes.py`` (do not edit).

A character is here when it is not Latin, one of its look-alikes in the table is Latin, and
one of its look-alikes is an ASCII letter or digit (or a run of them): exactly what
``confusable_homoglyphs.confusables.is_confusable(char, greedy=True,
preferred_aliases=["latin"])`` reports, followed by that check."""

from __future__ import annotations

ASCII_LOOKALIKES = frozenset(
'''


def ascii_lookalikes() -> list[str]:
    """Every such character, in code point order, from the library's table."""
    found = []
    for char, entries in confusables.confusables_data.items():
        if len(char) != 1 or categories.alias(char) == "LATIN":
            continue
        latin = any(categories.alias(glyph) == "LATIN" for entry in entries for glyph in entry["c"])
        if latin and any(entry["c"].isascii() and entry["c"].isalnum() for entry in entries):
            found.append(char)
    return sorted(found)


def _escaped(char: str) -> str:
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


def module_text(chars: list[str]) -> str:
    lines = [
        '    "' + "".join(_escaped(char) for char in chars[start : start + _PER_LINE]) + '"'
        for start in range(0, len(chars), _PER_LINE)
    ]
    return _HEADER + "\n".join(lines) + "\n)\n"


if __name__ == "__main__":
    TARGET.write_text(module_text(ascii_lookalikes()), encoding="utf-8")
    print(f"wrote {TARGET}")
