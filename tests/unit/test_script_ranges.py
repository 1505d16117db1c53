"""The domain's script table answers as the library's Unicode data does, for every code
point (issue 13 replaced the library's table, 4 MiB in every process, by its runs)."""

from __future__ import annotations

import sys

from confusable_homoglyphs import categories

from domain.shared.scripts import mixes_scripts, script_of, scripts_of


def test_every_code_point_has_the_library_s_script() -> None:
    """Out of date after a library upgrade: run scripts/generate_script_ranges.py."""
    differ = [
        hex(point)
        for point in range(sys.maxunicode + 1)
        if script_of(chr(point)) != categories.alias(chr(point))
    ]
    assert differ == []


def test_scripts_of_names_each_writing_system_once() -> None:
    assert scripts_of("admin") == {"LATIN"}
    assert scripts_of("аdmin") == {"LATIN", "CYRILLIC"}  # a Cyrillic а
    assert scripts_of("東京タワー 1") == {"HAN", "KATAKANA"}  # digits and spaces have none
    assert script_of("\U000e0fff") == "Unknown"  # unassigned
    assert mixes_scripts("аdmin") and not mixes_scripts("東京タワー")
