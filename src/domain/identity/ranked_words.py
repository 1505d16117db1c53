"""zxcvbn's ranked word lists held as compact hash tables, read without running its module.

zxcvbn ships six ranked word lists (common passwords, English words, names, surnames, words
from TV and film) as comma-joined strings in ``zxcvbn/frequency_lists.py``. Importing it
makes about 94,000 str objects, which zxcvbn's matching module puts in dictionaries from
word to rank: 13 MiB for the rest of the process's life (issue 13). Freeing them later
gives little back (the freed objects stay in allocator arenas that survivors pin), so here
the words never become lasting objects: the module's source is read as text, not run, the
words cut out a few hundred at a time, hashed and dropped, and each list becomes a
``RankedWords``, arrays of the words' ``hash()`` values and ranks (1.4 MiB for the six).

Hashes stand in for the words. Python salts ``hash()`` of str per process, which is fine:
the tables are built in the process that looks words up in them. The hashes are 64 bits
wide, so a word that is not on a list is taken for one of its n words with odds of about
n / 2^64 per lookup: 1.6e-15 for the 30,000 common passwords, below 1e-10 over all the
lookups of one estimate. Such a mistake would only make zxcvbn rate a password weaker.
"""

from __future__ import annotations

import re
import sys
import threading
import types
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.machinery import PathFinder
from importlib.util import find_spec
from itertools import accumulate

SOURCE_MODULE = "zxcvbn.frequency_lists"
LIST_NAMES = frozenset(
    {"passwords", "english_wikipedia", "female_names", "surnames", "us_tv_and_film", "male_names"}
)
_LISTED = re.compile(r'"(\w+)": "([^"\\]*(?:\\.[^"\\]*)*)"\.split\(","\)')
_ESCAPE = re.compile(r"\\(.?)", re.DOTALL)
MARKS_PER_WORD = 4  # see RankedWords: more refuse more missing words early, for a byte each
WORDS_PER_BUCKET = 2
CHUNK = 4096
_STUBBING = threading.Lock()


class RankedWords:
    """One ranked list: whether a word is on it, and its rank (1 for the most frequent).

    It answers what zxcvbn asks of its dictionaries (``word in words``, ``words[word]``)
    and ``len()``; the words themselves are not kept. Lookups run in Python, tens of
    thousands per estimate, almost all for words on no list, so "no" is made cheap: a
    word longer than the list's longest is refused unhashed; then ``marks``, a byte array
    the six lists share (``MARKS_PER_WORD`` bytes per word), has this list's ``bit`` set
    at each of its words' hash modulo its length, and where it is clear (for 92% to 99.7%
    of missing words, by the list's size) the word is not on the list. Otherwise its hash
    is looked for in ``_keys``, grouped by bucket (the hash's upper half modulo the number
    of buckets): bucket ``b`` from ``_starts[b]`` to ``_starts[b + 1]``, ranks alongside.
    """

    __slots__ = ("_marks", "_marked", "_bit", "_longest", "_starts", "_keys", "_ranks")

    def __init__(self, hashes: array[int], longest: int, marks: bytearray, bit: int) -> None:
        """A table of the words whose ``hashes`` are given, ranked 1, 2, ... in that order
        (a word listed twice keeps its last rank, as in zxcvbn's dictionaries); ``longest``
        is the length of the longest word."""
        self._marks, self._marked, self._bit, self._longest = marks, len(marks), bit, longest
        sizes = array("I", [0]) * (max(len(hashes) // WORDS_PER_BUCKET, 1) + 1)
        buckets = len(sizes) - 1
        for wanted in hashes:
            sizes[(wanted >> 32) % buckets + 1] += 1
        self._starts = array("I", accumulate(sizes))
        self._keys = array("q", [0]) * len(hashes)
        self._ranks = array("H" if len(hashes) < 1 << 16 else "I", [0]) * len(hashes)
        self._place(hashes)

    def _place(self, hashes: array[int]) -> None:
        """Each hash and rank to the end of its bucket's filled part (the last of a word
        listed twice is found first); each hash marked."""
        keys, ranks, ends = self._keys, self._ranks, self._starts[:]
        marks, marked, bit, buckets = self._marks, self._marked, self._bit, len(ends) - 1
        for rank, wanted in enumerate(hashes, start=1):
            bucket = (wanted >> 32) % buckets
            slot = ends[bucket]
            keys[slot], ranks[slot], ends[bucket] = wanted, rank, slot + 1
            marks[wanted % marked] |= bit

    def _slot(self, wanted: int) -> int:
        """Where the hash ``wanted`` is in ``_keys`` (its last place), or -1."""
        starts, keys = self._starts, self._keys
        bucket = (wanted >> 32) % (len(starts) - 1)
        start, slot = starts[bucket], starts[bucket + 1]
        while slot > start:
            slot -= 1
            if keys[slot] == wanted:
                return slot
        return -1

    def __contains__(self, word: str) -> bool:
        if len(word) > self._longest:
            return False
        wanted = hash(word)
        if self._marks[wanted % self._marked] & self._bit:
            return self._slot(wanted) >= 0
        return False

    def __getitem__(self, word: str) -> int:
        slot = self._slot(hash(word)) if len(word) <= self._longest else -1
        if slot < 0:
            raise KeyError(word)
        return self._ranks[slot]

    def __len__(self) -> int:
        """How many different words it holds (counted when asked: zxcvbn never asks)."""
        starts, keys = self._starts, self._keys
        return sum(len(set(keys[starts[b] : starts[b + 1]])) for b in range(len(starts) - 1))


class WordListsUnreadable(RuntimeError):
    """zxcvbn's word lists are not where or as expected (a release changed them): judging
    passwords against no lists would pass weak ones, so loading fails instead."""


def read_zxcvbn_lists() -> dict[str, RankedWords]:
    """zxcvbn's six ranked lists by name, in its source's order, read from the source of
    ``zxcvbn.frequency_lists`` without importing zxcvbn (``find_spec`` of that module would
    import the package, and with it the lists; the package's own spec does not)."""
    if sys.hash_info.width < 64:
        raise WordListsUnreadable("the word tables need 64-bit hash() values")
    package = find_spec(SOURCE_MODULE.rpartition(".")[0])
    locations = package.submodule_search_locations if package else None
    spec = PathFinder.find_spec(SOURCE_MODULE, list(locations)) if locations else None
    if not spec or not spec.origin or not spec.origin.endswith(".py"):
        raise WordListsUnreadable(f"no Python source for {SOURCE_MODULE}")
    with open(spec.origin, encoding="utf-8") as source:
        return parse_lists(source.read())


def parse_lists(source: str) -> dict[str, RankedWords]:
    """The lists in ``source``, the text of ``zxcvbn/frequency_lists.py``, each a line
    ``"name": "word,...".split(",")`` whose words may hold ``\\'``, ``\\"``, ``\\\\`` (the
    passwords list has ``pic\\'s``); ``WordListsUnreadable`` unless the six, each once."""
    found = [(match.group(1), *match.span(2)) for match in _LISTED.finditer(source)]
    if sorted(name for name, _, _ in found) != sorted(LIST_NAMES):
        raise WordListsUnreadable(
            f"{SOURCE_MODULE} should hold the lists {sorted(LIST_NAMES)}, each once, as"
            f" comma-joined strings; found {sorted(name for name, _, _ in found)}"
        )
    marks = bytearray(MARKS_PER_WORD * sum(source.count(",", *span) + 1 for _, *span in found))
    return {
        name: RankedWords(*_hashed(source, start, end), marks, 1 << index)
        for index, (name, start, end) in enumerate(found)
    }


def _hashed(source: str, start: int, end: int) -> tuple[array[int], int]:
    """The hashes of the words between ``start`` and ``end``, as ``str.split(",")`` would
    cut them, and the longest's length. They are split ``CHUNK`` characters at a time (a
    few hundred words), so there is never a list of them all."""
    hashes, done, longest = array("q", [0]) * (source.count(",", start, end) + 1), 0, 0
    while start <= end:
        stop = source.rfind(",", start, start + CHUNK) if start + CHUNK < end else -1
        stop = end if stop < 0 else stop
        chunk = source[start:stop]
        words = chunk.split(",")
        if "\\" in chunk:
            words = [_ESCAPE.sub(_escaped_char, word) for word in words]
        hashes[done : done + len(words)] = array("q", map(hash, words))
        done, longest, start = done + len(words), max(longest, *map(len, words)), stop + 1
    return hashes, longest


def _escaped_char(escape: re.Match[str]) -> str:
    char = escape.group(1)
    if char not in ("'", '"', "\\"):
        raise WordListsUnreadable(f"{SOURCE_MODULE}: escape {escape.group()!r} not understood")
    return char


@contextmanager
def zxcvbn_without_lists() -> Iterator[None]:
    """Within the block, importing zxcvbn finds an empty ``FREQUENCY_LISTS`` (a stand-in
    for its module, unless that is loaded already), so zxcvbn builds no dictionaries of its
    own; the caller puts ``RankedWords`` in ``zxcvbn.matching.RANKED_DICTIONARIES``. The
    stand-in leaves afterwards: a later import of the module gets the real lists."""
    with _STUBBING:
        if SOURCE_MODULE in sys.modules:
            yield
            return
        stand_in = sys.modules[SOURCE_MODULE] = types.ModuleType(SOURCE_MODULE)
        stand_in.FREQUENCY_LISTS = {}  # type: ignore[attr-defined]
        try:
            yield
        finally:
            if sys.modules.get(SOURCE_MODULE) is stand_in:
                del sys.modules[SOURCE_MODULE]
