"""Writes ``src/domain/shared/script_ranges.py``: the Unicode script of every code point
(Scripts.txt as shipped with ``confusable_homoglyphs``), as the first code point of each run
of one script. The domain keeps these ~1,700 runs instead of loading the library's table
(about 4 MiB per process, issue 13). Run it after upgrading the library;
``tests/unit/test_script_ranges.py`` fails while the file is out of date.

    .venv/bin/python scripts/generate_script_ranges.py
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from confusable_homoglyphs import categories

TARGET = Path(__file__).resolve().parents[1] / "src" / "domain" / "shared" / "script_ranges.py"
UNKNOWN = "Unknown"
"""The library's script of a code point its table does not cover."""
_HEADER = '''"""The Unicode script of every code point: generated from Scripts.txt (as shipped with
``confusable_homoglyphs``) by ``scripts/generate_script_ranges.py`` (do not edit).

``RUN_STARTS`` holds the first code point of each run of one script, in hexadecimal;
``RUN_SCRIPTS`` the script of each run, as an index into ``SCRIPT_NAMES``, in base 36. A
code point belongs to the last run starting at or before it: exactly what
``confusable_homoglyphs.categories.alias`` answers."""

from __future__ import annotations

'''


def script_runs() -> list[tuple[int, str]]:
    """(first code point, script) of each run, gaps in the library's table as ``Unknown``."""
    data = categories.categories_data
    aliases = data["iso_15924_aliases"]
    runs: list[tuple[int, str]] = []
    covered = 0
    for start, end, alias, _ in data["code_points_ranges"]:
        if start > covered:
            runs.append((covered, UNKNOWN))
        if not runs or runs[-1][1] != aliases[alias] or start > covered:
            runs.append((start, aliases[alias]))
        covered = end + 1
    runs.append((covered, UNKNOWN))
    return runs


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    return digits[number // 36] + digits[number % 36]


def _wrapped(name: str, words: list[str]) -> str:
    lines = textwrap.wrap(" ".join(words), width=90)
    return f"{name} = (\n" + "".join(f'    "{line} "\n' for line in lines) + ")\n"


def module_text(runs: list[tuple[int, str]]) -> str:
    names = sorted({script for _, script in runs})
    starts = [f"{start:x}" for start, _ in runs]
    scripts = [_base36(names.index(script)) for _, script in runs]
    return (
        _HEADER
        + _wrapped("SCRIPT_NAMES", names)
        + _wrapped("RUN_STARTS", starts)
        + _wrapped("RUN_SCRIPTS", scripts)
    )


if __name__ == "__main__":
    TARGET.write_text(module_text(script_runs()), encoding="utf-8")
    print(f"wrote {TARGET}")
