"""Which writing systems a string uses, and whether it could pass for Latin: the checks
behind homograph attacks (``аdmin`` with a Cyrillic ``а`` that looks like ``admin``).

The script of each character and the look-alike table come from the Unicode data shipped
with ``confusable_homoglyphs`` (Scripts.txt, confusables.txt of UTS #39), as tables
generated from it: the runs of one script (``script_ranges.py``; the library's table is
about 4 MiB once loaded, in every process, issue 13) and the characters that pass for ASCII
ones (``ascii_lookalikes.py``; of the look-alike table, about 7 MiB).
"""

from __future__ import annotations

from bisect import bisect_right

from domain.shared.ascii_lookalikes import ASCII_LOOKALIKES
from domain.shared.script_ranges import RUN_SCRIPTS, RUN_STARTS, SCRIPT_NAMES

_NAMES = tuple("".join(SCRIPT_NAMES).split())
_STARTS = tuple(int(start, 16) for start in "".join(RUN_STARTS).split())
_SCRIPTS = tuple(_NAMES[int(index, 36)] for index in "".join(RUN_SCRIPTS).split())

_SCRIPTLESS = frozenset({"COMMON", "INHERITED"})  # digits, punctuation, combining marks
_UNKNOWN = "Unknown"  # what the data says for an unassigned code point
# The script sets UTS #39 "highly restrictive" allows together: Japanese, Chinese with
# Bopomofo, and Korean writing each mix Han with their own scripts and with Latin.
_ALLOWED_MIXES = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)


def scripts_of(text: str) -> frozenset[str]:
    """The scripts of ``text``'s characters (``LATIN``, ``CYRILLIC``, ...), without the
    script-less ones (digits, punctuation, combining marks)."""
    found = {script_of(char) for char in text}
    return frozenset(found - _SCRIPTLESS)


def script_of(char: str) -> str:
    """The script of one character (``Unknown`` for an unassigned code point)."""
    return _SCRIPTS[bisect_right(_STARTS, ord(char)) - 1]


def mixes_scripts(text: str) -> bool:
    """Whether ``text`` mixes scripts beyond what UTS #39 calls highly restrictive: Latin
    with Cyrillic or Greek is a mix; Japanese (Han, kana and Latin) is not."""
    scripts = scripts_of(text)
    if _UNKNOWN in scripts:
        return True
    return len(scripts) > 1 and not any(scripts <= allowed for allowed in _ALLOWED_MIXES)


def passes_for_latin(text: str) -> bool:
    """Whether ``text``, written without Latin letters, consists only of letters that look
    like ASCII ones (``асе``, ``ѕсоре`` in Cyrillic): a whole-script look-alike."""
    scripts = scripts_of(text)
    if not scripts or "LATIN" in scripts:
        return False
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(char in ASCII_LOOKALIKES for char in letters)
