"""The domain's table of ASCII look-alikes answers as the full Unicode look-alike table
does (issue 13 replaced the table, 7 MiB in every process, by its answer)."""

from __future__ import annotations

from confusable_homoglyphs import confusables

from domain.shared.ascii_lookalikes import ASCII_LOOKALIKES
from domain.shared.scripts import passes_for_latin


def _looks_like_ascii(char: str) -> bool:
    """The check as it was made on the library's table before issue 13."""
    found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"]) or []
    return any(
        glyph["c"].isascii() and glyph["c"].isalnum()
        for entry in found
        for glyph in entry["homoglyphs"]
    )


def test_every_character_of_the_library_table_gets_the_same_answer() -> None:
    """Out of date after a library upgrade: run scripts/generate_ascii_lookalikes.py."""
    chars = {char for char in confusables.confusables_data if len(char) == 1}
    assert ASCII_LOOKALIKES <= chars
    assert {char for char in chars if _looks_like_ascii(char)} == ASCII_LOOKALIKES


def test_whole_script_lookalikes_still_pass_for_latin() -> None:
    assert passes_for_latin("асе")  # Cyrillic а, с, е
    assert passes_for_latin("ѕсоре")
    assert not passes_for_latin("данные")  # Cyrillic, but д and н look like no ASCII letter
    assert not passes_for_latin("scope")  # Latin itself
